# error: 6:60: bad gufunc layout '(n),(n)->': expected '(' in the layout
import numpy as np
from numba import guvectorize


@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->')
def dot(x, y, res):
    res[0] = x[0] * y[0]


def main():
    return dot(np.zeros(3), np.zeros(3))
