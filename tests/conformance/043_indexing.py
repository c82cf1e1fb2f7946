# Indexing: read and write, negative indices, 2-D with a[i, j] and a[i][j]
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i * 1.5
    print(a[0], a[5], a[-1], a[-6], a[-2])
    a[-1] = 100.0
    a[0] += 1
    a[2] *= 2
    print(a)
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 4 + j
    print(m[1, 2], m[2][3], m[-1, -1], m[-3, 0], m[0][-1])
    m[1][1] = -5.0
    m[-1, 0] = 99.0
    print(m)
    k = np.zeros(3, dtype=np.int64)
    k[1] = 7
    i = 2
    k[i] = k[i - 1] * 3
    return k
