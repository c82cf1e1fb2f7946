# args: rowsum tests/data/matf.npy
from numba import njit


@njit
def rowsum(m):
    t = 0.0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            t += m[i, j] * (10 ** i) * (j + 1)
    return t
