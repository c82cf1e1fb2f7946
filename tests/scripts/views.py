import numpy as np
from numba import njit

@njit
def total(v):
    s = 0.0
    for i in range(v.shape[0]):
        s += v[i]
    return s

@njit
def main():
    a = np.zeros(10)
    for i in range(10):
        a[i] = i
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 10 + j
    print(total(a[1:-1]), total(a[::2]), total(a[::-1]), total(a[8:2:-2]), total(a[-3:]), total(a[5:100]), total(a[7:3]))
    print(total(m[1]), total(m[:, 2]), total(m[1, 1:]), m[1:, ::2].shape, total(m[2, ::-1]))
    r = m[1]
    r[0] = 100.0
    print(m[1, 0], a[1:-1].shape, a[::3].size)
    return total(a[2:5])
