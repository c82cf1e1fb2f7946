# error: 8:25: stencil index has 1 dimensions but the one at line 8 has 2
import numpy as np
from numba import njit, stencil


@stencil
def k(a):
    return a[-1, 0] + a[1]


@njit
def main():
    return k(np.zeros((3, 3)))
