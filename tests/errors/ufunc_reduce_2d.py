# error: 13:23: add.reduce() takes a 1-D array, not array(float64, 2d, C)
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)'])
def add(x, y):
    return x + y


@njit
def main():
    return add.reduce(np.zeros((2, 3)))
