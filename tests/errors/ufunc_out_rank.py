# error: 13:39: the output array of add() has 1 dimension but the inputs broadcast to 2
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)'])
def add(x, y):
    return x + y


@njit
def main():
    return add(np.zeros((2, 3)), 1.0, np.zeros(3))
