# Row and column views of 2-D arrays: a[i, :], a[:, j], a[1:3, 1:3], a[i] and mixed steps
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((4, 5))
    for i in range(4):
        for j in range(5):
            m[i, j] = i * 10 + j
    print(m[1, :])
    print(m[:, 2])
    print(m[1:3, 1:3])
    print(m[2])
    print(m[::2, ::2])
    print(m[-1, ::-1])
    print(m[:, -1], m[1:, 0])
    print(m[1:3, 1:3].shape, m[:, 2].shape, m[::2, ::2].shape)
    s = 0.0
    col = m[:, 4]
    for i in range(col.shape[0]):
        s += col[i]
    return s
