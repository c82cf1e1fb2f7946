# Negative-step slices on 1-D and 2-D arrays
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(9)
    for i in range(9):
        a[i] = i * i
    print(a[8:2:-2], a[-1:-6:-1], a[::-1][::2], a[6::-3], a[:2:-1])
    m = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            m[i, j] = i * 3 + j
    print(m[::-1])
    print(m[::-1, ::-1])
    print(m[:, ::-1][0])
    r = a[::-2]
    return r.shape[0] * 1000 + r[0]
