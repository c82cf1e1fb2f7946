# error: 8:12: numpy.nosuchthing() is not supported in kernels
import numpy as np
from numba import njit


@njit
def main():
    return np.nosuchthing(3)
