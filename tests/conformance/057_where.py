# np.where(cond, x, y) with arrays and scalars
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i - 2.5
    print(np.where(a > 0, a, 0.0))
    b = np.ones(6) * 9.0
    print(np.where(a < 0, a, b))
    m = np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            m[i, j] = i - j
    print(np.where(m == 0, 100.0, m))
    return np.where(a > 1, a * 2, -a)
