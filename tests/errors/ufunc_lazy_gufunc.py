# error: 13:12: 'cumsum' is a @guvectorize without signatures: pass its output array (or give the decorator a list of signatures)
import numpy as np
from numba import guvectorize


@guvectorize('(n)->(n)')
def cumsum(x, out):
    for i in range(x.shape[0]):
        out[i] = x[i]


def main():
    return cumsum(np.zeros(3))
