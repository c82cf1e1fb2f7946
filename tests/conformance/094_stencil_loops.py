# A 1-D and a 2-D stencil written with loops and with slices
import numpy as np
from numba import njit


@njit
def main():
    n = 8
    a = np.zeros(n)
    for i in range(n):
        a[i] = (i % 3) * 1.0
    b = np.zeros(n)
    for i in range(1, n - 1):
        b[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1]
    c = np.zeros(n)
    c[1:-1] = 0.25 * a[:-2] + 0.5 * a[1:-1] + 0.25 * a[2:]
    print(b)
    print(c)
    g = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            g[i, j] = i * i * j + j * j
    h = np.zeros((4, 4))
    h[1:-1, 1:-1] = g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] - 4 * g[1:-1, 1:-1]
    return h
