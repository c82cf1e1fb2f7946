# raises: 11: IndexError: index 5 is out of bounds for axis 0 with size 5
import numpy as np
from numba import njit


@njit
def total(a):
    s = 0.0
    n = a.shape[0]
    for i in range(n + 1):
        s += a[i]
    return s


@njit
def main():
    return total(np.ones(5))
