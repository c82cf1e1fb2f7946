# np.sum / np.mean and the a.sum() / a.mean() methods (values are multiples of 0.25 so every
# summation order gives the same bits)
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(10)
    for i in range(10):
        a[i] = i * 0.25 - 1
    print(np.sum(a), a.sum(), np.mean(a), a.mean())
    n = np.zeros(6, dtype=np.int64)
    for i in range(6):
        n[i] = i * i - 10
    print(np.sum(n), n.sum(), np.mean(n), n.mean())
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = i * 4 + j
    print(np.sum(m), m.sum(), np.mean(m), m[1].sum(), m[:, 2].sum(), m[::2, 1:].mean())
    i32 = np.ones(5, dtype=np.int32)
    b = np.zeros(4, dtype=np.bool_)
    b[1] = True
    b[3] = True
    print(np.sum(i32), np.sum(b), np.sum(np.zeros(0)))
    return np.sum(a * a)
