# a.copy() and np.copy(a) make independent arrays; copying views makes them contiguous
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i
    b = a.copy()
    c = np.copy(a)
    b[0] = 100.0
    c[1] = 200.0
    print(a, b, c)
    m = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            m[i, j] = i * 3 + j
    col = m[:, 1].copy()
    col[0] = -1.0
    print(col, m[0, 1])
    r = np.copy(m[::-1, ::2])
    r[0, 0] = 50.0
    print(r, m[2, 0])
    return a
