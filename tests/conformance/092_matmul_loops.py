# Matrix multiply with explicit loops, then a matrix-vector product
import numpy as np
from numba import njit


@njit
def matmul(a, b):
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += a[i, p] * b[p, j]
            c[i, j] = s
    return c


@njit
def main():
    a = np.zeros((3, 2))
    b = np.zeros((2, 4))
    for i in range(3):
        for j in range(2):
            a[i, j] = i - j + 0.5
    for i in range(2):
        for j in range(4):
            b[i, j] = i * j - 1
    c = matmul(a, b)
    print(c)
    ident = np.zeros((3, 3))
    for i in range(3):
        ident[i, i] = 1.0
    return matmul(ident, c)
