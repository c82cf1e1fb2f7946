# raises: 10: ValueError: slice step cannot be zero
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    k = 0
    b = a[::k]
    return b
