# error: 11:13: 'return' inside a prange loop is not supported
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def f(a):
    s = 0.0
    for i in prange(a.shape[0]):
        if a[i] < 0:
            return -1.0
        s += a[i]
    return s


def main():
    return f(np.ones(3))
