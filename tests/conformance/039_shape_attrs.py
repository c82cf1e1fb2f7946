# a.shape, a.ndim, a.size, len(a), unpacking the shape tuple
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(7)
    m = np.zeros((3, 4))
    c = np.zeros((2, 3, 5))
    print(a.shape, m.shape, c.shape)
    print(a.ndim, m.ndim, c.ndim, a.size, m.size, c.size)
    print(len(a), len(m), len(c))
    n, k = m.shape
    print(n, k, m.shape[0], m.shape[1], m.shape[-1], c.shape[2])
    x, y, z = c.shape
    return x * 100 + y * 10 + z
