import numpy as np
from numba import njit


@njit
def noisy(n):
    print("made", n)
    return np.arange(n * 2).reshape((n, 2))


@njit
def main():
    # the reduction flattens a strided view by copying it: the call that
    # makes it must still run once
    return np.sum(noisy(3).T), noisy(2).T.copy().sum()
