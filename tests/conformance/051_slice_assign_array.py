# Assigning an array to a slice: a[:, 0] = b, a[2:5] = b[0:3], m[i] = row
import numpy as np
from numba import njit


@njit
def main():
    b = np.zeros(3)
    for i in range(3):
        b[i] = i + 0.5
    m = np.zeros((3, 3))
    m[:, 0] = b
    m[2] = b
    m[0, :] = b[::-1]
    print(m)
    a = np.zeros(8)
    a[2:5] = b
    a[5:8] = b[0:3] * 2
    print(a)
    c = np.zeros(6, dtype=np.int64)
    c[::2] = np.ones(3, dtype=np.int64)
    print(c)
    d = np.zeros(4)
    d[:] = c[:4]
    return d
