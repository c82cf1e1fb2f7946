# np.where(cond, x, y) with scalar x and y of int and float types
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i - 2.5
    print(np.where(a > 0, 1, -1))
    print(np.where(a > 0, 0.5, 0))
    return np.where(a < -1, 7, a)
