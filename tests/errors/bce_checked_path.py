# raises: 13: IndexError: index 3 is out of bounds for axis 0 with size 3
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(3)
    # the loop-versioning test fails up front, so the checked copy runs and
    # raises at i == 3 after the earlier iterations' effects
    for i in range(5):
        b[i] = a[i] + 1.0
    return b
