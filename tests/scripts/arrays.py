import numpy as np
from numba import njit


@njit
def make(n):
    a = np.zeros(n)
    for i in range(n):
        a[i] = i * 0.5
    return a


@njit
def grid(n, m):
    g = np.empty((n, m), dtype=np.int64)
    for i in range(n):
        for j in range(m):
            g[i, j] = i * 10 + j
    return g


@njit
def main():
    a = make(5)
    g = grid(3, 4)
    print(a)
    print(g)
    print(a.shape, g.shape, a.size, g.size, g.ndim, len(g), a[-1], g[-1, -2])
    o = np.ones((2, 3), np.float32)
    f = np.full(4, 7, dtype=np.uint8)
    f[0] = 300
    b = np.zeros(3, dtype=np.bool_)
    b[1] = True
    print(o, f, b)
    a[1] += 10.0
    g[0, 0] -= 5
    print(a[1], g[0, 0], o[1, 2] / 4)
    return g
