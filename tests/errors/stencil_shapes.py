# raises: 7: ValueError: stencil 'k': array 'b' does not have the shape of 'a'
import numpy as np
from numba import njit, stencil


@stencil
def k(a, b):
    return a[-1] + b[1]


@njit
def main():
    return k(np.arange(5.0), np.arange(6.0))
