# Array expressions on 2-D arrays and on views (strided, reversed)
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i - j
    n = m * m - 2 * m + 1
    print(n)
    print(m[:, ::2] + m[:, 1::2])
    print(m[::-1] * 2)
    print(np.abs(m[1:, 1:3]))
    x = np.zeros(6)
    for i in range(6):
        x[i] = i
    y = x[::2] + x[1::2] * x[::-2]
    return y
