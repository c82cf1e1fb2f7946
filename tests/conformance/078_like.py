# np.zeros_like, ones_like, empty_like, full_like keep shape and dtype
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros((2, 3), dtype=np.int32)
    f = np.ones(4)
    print(np.zeros_like(f), np.ones_like(a), np.full_like(f, 2.5), np.full_like(a, 7))
    e = np.empty_like(f)
    for i in range(4):
        e[i] = i
    print(e)
    z = np.zeros_like(a)
    z[1, 2] = 5
    print(z, a[1, 2])
    g = np.full_like(a, 2.9)
    print(g)
    h = np.ones_like(f[::2])
    return h
