# raises: 9: ValueError: negative dimensions are not allowed
import numpy as np
from numba import njit


@njit
def main():
    n = 2
    a = np.empty((n, n - 5))
    return a
