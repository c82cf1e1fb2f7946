# args: stats tests/data/vec.npy tests/data/mat.npy
import numpy as np
from numba import njit


@njit
def stats(v, m):
    s = 0.0
    for i in range(v.shape[0]):
        s += v[i]
    t = 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            t += m[i, j] * (i + 1)
    return s, t, v.shape[0], m.shape[1]
