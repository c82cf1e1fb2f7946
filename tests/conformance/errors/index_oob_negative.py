# raises: 9: IndexError: index -6 is out of bounds for axis 0 with size 5
import numpy as np
from numba import njit


@njit
def main():
    a = np.ones(5)
    return a[-6]
