# np.zeros, np.ones, np.empty, np.full with int and tuple shapes
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(4)
    b = np.ones((2, 3))
    c = np.full(3, 7.5)
    d = np.full((2, 2), 4)
    e = np.empty(5)
    for i in range(5):
        e[i] = i / 4
    n = 3
    f = np.zeros((n, n + 1))
    g = np.ones(0)
    print(a, b, c, d, e, f, g)
    print(a.shape, b.shape, g.shape, d[1, 1], c[2])
    h = np.zeros((2, 2, 2))
    print(h)
    return np.ones(3)
