# np.dot of a 1-D vector and a 2-D matrix
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 4 + j
    w = np.ones(3)
    w[1] = 0.5
    return np.dot(w, m)
