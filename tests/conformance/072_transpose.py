# a.T: transposed view of a 2-D array
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            m[i, j] = i * 3 + j
    t = m.T
    print(t.shape, t[2, 1], t[0, 1])
    print(t)
    t[1, 0] = 100.0
    print(m)
    v = np.zeros(3)
    print(v.T.shape)
    return m.T * 2
