# raises: 16: ValueError: dot: input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n),(n)->()
import numpy as np
from numba import guvectorize


@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->()')
def dot(x, y, res):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    res[0] = s


def main():
    a = np.zeros((2, 3))
    return dot(a, np.ones(4))
