# np.array from list literals, nested lists, and dtype=
import numpy as np
from numba import njit


@njit
def main():
    a = np.array([1, 2, 3])
    b = np.array([1.0, 2.5, -3.0])
    c = np.array([[1, 2], [3, 4]])
    d = np.array([1, 2.5])
    e = np.array([True, False, True])
    print(a, b, c, d, e)
    print(a.shape, c.shape, c[1, 0])
    f = np.array([[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]])
    print(f.T)
    g = np.array([1, 2, 3], dtype=np.float32)
    print(g, g[0] / 3)
    x = 2.0
    return np.array([x, x * x, x * x * x])
