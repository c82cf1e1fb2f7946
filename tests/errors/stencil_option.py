# error: 6:10: unknown stencil option 'mode' (stencils take neighborhood, cval and standard_indexing)
import numpy as np
from numba import njit, stencil


@stencil(mode="wrap")
def k(a):
    return a[-1] + a[1]


@njit
def main():
    return k(np.zeros(3))
