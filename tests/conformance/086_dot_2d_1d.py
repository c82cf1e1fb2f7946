# np.dot of a 2-D matrix and a 1-D vector
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 4 + j
    v = np.zeros(4)
    for j in range(4):
        v[j] = j * 0.5 + 1
    r = np.dot(m, v)
    print(r, r.shape)
    w = np.ones(3)
    return np.dot(m.T, w)
