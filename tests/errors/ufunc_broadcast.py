# raises: 13: ValueError: operands could not be broadcast together
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)'])
def add(x, y):
    return x + y


@njit
def main():
    return add(np.zeros(3), np.zeros(4))
