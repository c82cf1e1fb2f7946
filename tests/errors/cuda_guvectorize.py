# error: 12:12: @guvectorize(target='cuda') is not supported yet (use target='cpu' or 'parallel', or a @cuda.jit kernel)
import numpy as np
from numba import guvectorize


@guvectorize(['void(float64[:], float64[:])'], '(n)->()', target='cuda')
def total(x, res):
    res[0] = x.sum()


def main():
    return total(np.ones((2, 3)))
