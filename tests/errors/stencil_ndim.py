# error: 8:12: too many indices for array(float64, 1d, C): 2 given
import numpy as np
from numba import njit, stencil


@stencil
def k(a):
    return a[-1, 0] + a[1, 0]


@njit
def main():
    return k(np.zeros(3))
