# error: 9:14: array index must be an integer, not float64
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    return a[1.5]
