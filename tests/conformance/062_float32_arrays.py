# float32 arrays stay float32 through expressions and ufuncs
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(4, dtype=np.float32)
    for i in range(4):
        a[i] = i * 0.1
    b = a * a + a
    c = np.sqrt(a)
    print(b, c)
    print(b[1], c[3], b[3] + c[1])
    s = np.float32(0.0)
    for i in range(4):
        s += a[i]
    print(s)
    d = a + np.float32(1.5)
    return d
