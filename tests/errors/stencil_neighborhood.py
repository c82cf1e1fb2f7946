# error: 8:14: relative index -2 is outside the neighborhood (-1, 1) of dimension 0
import numpy as np
from numba import njit, stencil


@stencil(neighborhood=((-1, 1),))
def k(a):
    return a[-2] + a[1]


@njit
def main():
    return k(np.arange(5))
