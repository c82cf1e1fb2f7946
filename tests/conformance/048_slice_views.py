# Slices are views: writing through a view changes the base array
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(8)
    v = a[2:6]
    v[0] = 1.0
    v[-1] = 4.0
    print(a)
    w = a[::2]
    for i in range(w.shape[0]):
        w[i] += 10
    print(a)
    r = a[::-1]
    r[0] = -1.0
    print(a)
    m = np.zeros((3, 4))
    row = m[1]
    row[2] = 5.0
    col = m[:, 3]
    col[0] = 7.0
    print(m)
    vv = v[1:]
    vv[0] = 42.0
    return a
