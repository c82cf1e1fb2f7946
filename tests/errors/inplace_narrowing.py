# error: 9:5: cannot update array(int64, 1d, C) in place with a float64 result
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(3, dtype=np.int64)
    a += 1.5
    return a
