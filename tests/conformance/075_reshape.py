# a.reshape((2, 3)) and a.reshape(3, 2): views sharing data, -1 inferred dimension
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i
    m = a.reshape((2, 3))
    print(m)
    print(a.reshape(3, 2))
    m[1, 1] = 40.0
    print(a)
    c = a.reshape((6, 1))
    print(c.shape)
    d = a.reshape((-1, 2))
    print(d.shape, d[2, 1])
    e = m.reshape(6)
    return e
