# error: 6:1: a stencil kernel must return a number, not UniTuple(float64 x 2)
import numpy as np
from numba import njit, stencil

@stencil
def k(a):
    return a[0, 0], a[1, 1]


@njit
def main():
    return k(np.zeros((3, 3)))
