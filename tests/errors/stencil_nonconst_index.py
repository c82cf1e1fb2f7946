# error: 10:16: relative index must be a constant integer; give the stencil a neighborhood= to use a variable offset
import numpy as np
from numba import njit, stencil


@stencil
def k(a):
    s = 0.0
    for i in range(-1, 2):
        s += a[i]
    return s


@njit
def main():
    return k(np.arange(5.0))
