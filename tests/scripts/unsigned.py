import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(3, dtype=np.uint8)
    a[0] = 250
    a[0] += 10
    a[1] = 255
    a[2] = a[1] + 1
    u = np.uint64(7)
    v = np.int64(-1)
    print(a, a[0] + a[1], u + np.uint64(1), u // np.uint64(2), v * 3)
    return a[0]
