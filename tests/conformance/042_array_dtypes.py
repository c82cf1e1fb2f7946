# dtype= keyword and NumPy scalar types for array creation
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(4, dtype=np.int32)
    b = np.ones(3, dtype=np.float32)
    c = np.zeros(3, dtype=np.uint8)
    d = np.zeros(3, dtype=np.bool_)
    e = np.ones((2, 2), dtype=np.int64)
    f = np.full(3, 2.5, dtype=np.float32)
    g = np.empty(2, dtype=np.int8)
    for i in range(4):
        a[i] = i * 1000000
    c[0] = 250
    c[1] = c[0] + 10
    d[1] = True
    g[0] = 127
    g[1] = -128
    b[1] = 0.1
    print(a, b, c, d, e, f, g)
    print(a[3], b[1], c[1], d[1], d[0], f[0] / 3)
    h = np.zeros(2, np.float32)
    h[0] = 1 / 3
    return h
