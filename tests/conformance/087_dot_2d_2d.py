# np.dot of two 2-D matrices
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros((2, 3))
    b = np.zeros((3, 4))
    for i in range(2):
        for j in range(3):
            a[i, j] = i + j * 0.5
    for i in range(3):
        for j in range(4):
            b[i, j] = i - j
    c = np.dot(a, b)
    print(c, c.shape)
    print(np.dot(b.T, a.T))
    e = np.zeros((2, 2))
    e[0, 0] = 1.0
    e[1, 1] = 2.0
    return np.dot(e, e)
