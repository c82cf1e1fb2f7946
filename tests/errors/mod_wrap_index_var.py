# raises: 13: IndexError: index 7 is out of bounds for axis 0 with size 6
import numpy as np
from numba import njit


@njit
def main():
    a = np.arange(6.0)
    m = a.shape[0] + 2
    s = 0.0
    for j in range(m):
        lf = (j - 1 + m) % m
        s += a[lf]   # lf is 7 at j = 0: the extents differ, checks stay
    return s
