# error: 13:12: ufunc method 'add.accumulate' is not supported (only reduce of a 1-D array)
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)'])
def add(x, y):
    return x + y


@njit
def main():
    return add.accumulate(np.zeros(3))
