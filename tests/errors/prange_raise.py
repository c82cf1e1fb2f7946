# An exception in a prange body ends the call with that error: the one of the
# earliest failing chunk, which is what serial execution raises first.
# raises: 14: IndexError: index 102 is out of bounds for axis 0 with size 100
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def f(a):
    s = 0.0
    for i in prange(a.shape[0]):
        if i == 90:
            raise ValueError("late")
        s += a[i * 3]
    return s


def main():
    return f(np.ones(100))
