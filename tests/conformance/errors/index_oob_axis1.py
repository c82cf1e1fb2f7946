# raises: 10: IndexError: index 4 is out of bounds for axis 1 with size 4
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 4))
    j = 4
    m[1, j] = 1.0
    return m
