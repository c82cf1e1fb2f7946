# error: 13:7: the grid (blocks) of a launch must be an int or a tuple of 1 to 3 ints, not float64
import numpy as np
from numba import cuda


@cuda.jit
def k(a):
    a[0] = 1.0


def main():
    a = np.zeros(4)
    k[a.size / 2, 32](a)
