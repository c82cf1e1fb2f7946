# error: 8:5: 'with' is not supported
import numpy as np
from numba import njit


@njit
def main():
    with np.errstate(all="ignore"):
        x = 1.0
    return x
