# raises: 9: ValueError: negative dimensions are not allowed
import numpy as np
from numba import njit


@njit
def main():
    n = -4
    a = np.zeros(n)
    return a[0]
