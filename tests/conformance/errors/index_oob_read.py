# raises: 11: IndexError: index 10 is out of bounds for axis 0 with size 5
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    i = 2
    i = i * 5
    return a[i]
