import numpy as np
from numba import njit


@njit
def main():
    a = np.arange(5)
    a[1:] = a[:-1]
    c = np.arange(6) * 1.0
    c[::-1] = c
    d = np.arange(5)
    d[1:] += d[:-1]
    e = np.arange(4)
    e[:] = e * 2
    print(a, c, d, e)
    return a
