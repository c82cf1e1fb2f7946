# Assigning a scalar to a slice: a[1:3] = 0.0, a[::2] = 5, m[1, :] = 7, m[:, j] = x
import numpy as np
from numba import njit


@njit
def main():
    a = np.ones(8)
    a[1:3] = 0.0
    print(a)
    a[::2] = 5
    print(a)
    a[-2:] = -1.5
    print(a)
    a[:] = 2.0
    print(a)
    m = np.zeros((3, 4))
    m[1, :] = 7
    m[:, 2] = 3.5
    m[0, 1:3] = -1
    print(m)
    m[:, :] = 0
    m[1:, 1:] = 9
    print(m)
    b = np.zeros(5, dtype=np.int32)
    b[1:4] = 3
    return b
