# error: 6:60: layout '(n)->()' has 1 inputs and 1 outputs but 'dot' takes 3 arguments (the outputs are the last ones)
import numpy as np
from numba import guvectorize


@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n)->()')
def dot(x, y, res):
    res[0] = x[0] * y[0]


def main():
    return dot(np.zeros(3), np.zeros(3))
