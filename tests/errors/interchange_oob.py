# raises: 14: IndexError: index 4 is out of bounds for axis 0 with size 4
import numpy as np
from numba import njit


@njit
def main():
    a = np.ones((3, 5))
    b = np.ones((4, 6))     # a has 5 columns but b only 4 rows
    c = np.zeros((3, 6))
    for j in range(6):
        acc = 0.0
        for k in range(5):
            acc += a[0, k] * b[k, j]
        c[0, j] = acc
    return c
