# a.astype(dtype): conversions between int, float and bool dtypes
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.7 - 1.4
    print(a.astype(np.int64))
    print(a.astype(np.int32))
    f = a.astype(np.float32)
    print(f, f[1])
    n = np.zeros(4, dtype=np.int64)
    for i in range(4):
        n[i] = i * 100
    print(n.astype(np.float64) / 3, n.astype(np.uint8), n.astype(np.bool_))
    c = a.astype(np.float64)
    c[0] = 99.0
    print(a[0])
    return n.astype(np.float32) + 0.5
