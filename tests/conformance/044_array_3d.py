# 3-D arrays: create, fill, index, sub-array views
import numpy as np
from numba import njit


@njit
def main():
    c = np.zeros((2, 3, 4))
    for i in range(2):
        for j in range(3):
            for k in range(4):
                c[i, j, k] = i * 100 + j * 10 + k
    print(c[1, 2, 3], c[0, 1, 2], c[-1, -1, -1])
    print(c[1])
    print(c[0, 1])
    print(c[1].shape, c[0, 2].shape)
    s = 0.0
    for i in range(2):
        for j in range(3):
            for k in range(4):
                s += c[i, j, k]
    return s
