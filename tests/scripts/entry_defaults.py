# args: g 2
from numba import njit


@njit
def g(x, scale=1.5, n=-2, flag=True):
    return x * scale + n if flag else 0.0
