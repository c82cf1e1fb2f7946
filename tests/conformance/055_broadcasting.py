# Broadcasting: (3, 4) with (4,), (3, 1) with (1, 4), scalars and 3-D
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 4 + j
    row = np.zeros(4)
    for j in range(4):
        row[j] = j * 10.0
    print(m + row)
    print(row * m)
    col = np.zeros((3, 1))
    for i in range(3):
        col[i, 0] = i + 1.0
    print(m * col)
    r2 = np.zeros((1, 4))
    r2[0, 1] = 1.0
    print(col + r2)
    print((col + r2).shape)
    c = np.ones((2, 3, 4))
    print(c + m[0])
    return m - m[1]
