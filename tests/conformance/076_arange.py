# np.arange with one, two and three arguments, int and float
import numpy as np
from numba import njit


@njit
def main():
    print(np.arange(5))
    print(np.arange(2, 10))
    print(np.arange(10, 0, -3))
    print(np.arange(0.0, 1.0, 0.25))
    print(np.arange(5.0))
    print(np.arange(1, 2, 0.5))
    print(np.arange(3, -3, -1.5))
    print(np.arange(0), np.arange(5, 2))
    a = np.arange(4)
    a[0] = 7
    print(a.shape, a[3] * 2)
    return np.arange(-2, 8, 3)
