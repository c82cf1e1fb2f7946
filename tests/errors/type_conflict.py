# error: 10:9: cannot assign array(float64, 1d, C) to 'x': it was int64 at line 8
import numpy as np
from numba import njit


@njit
def main(n=3):
    x = 1
    if n > 2:
        x = np.zeros(3)
    return 0
