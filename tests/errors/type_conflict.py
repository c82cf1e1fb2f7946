# error: 9:5: cannot assign array(float64, 1d, C) to 'x'
import numpy as np
from numba import njit


@njit
def main():
    x = 1
    x = np.zeros(3)
    return 0
