# error_model='numpy': integer // and % by zero give 0 instead of raising; it is
# the default of ufunc kernels in Numba (and here), and an @njit option.
import numpy as np
from numba import njit, vectorize


@vectorize(['int64(int64, int64)'])
def idiv(x, y):
    return x // y + x % y


@njit(error_model='numpy')
def nd(x, y):
    return x // y, x % y, np.int32(x) // np.int32(y)


@njit
def main():
    print(idiv(7, 0), idiv(np.arange(-3, 3), np.array([0, 2, 0, -2, 0, 3])))
    print(nd(7, 0), nd(-7, 2))
