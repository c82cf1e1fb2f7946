# raises: 13: ValueError: zero-size array to reduction operation biggest which has no identity
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)'])
def biggest(x, y):
    return x if x > y else y


@njit
def main():
    return biggest.reduce(np.zeros(0))
