import numpy as np
from numba import njit


@njit(fastmath=True)
def dot(a, b):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


@njit
def scale(a, k):
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        out[i] = a[i] * k
    return out


@njit
def checked(a, i):
    return a[i]
