# error: 10:5: 'main' returns int64 here but array(float64, 1d, C) elsewhere
import numpy as np
from numba import njit


@njit
def main():
    if 1 > 2:
        return np.zeros(2)
    return 1
