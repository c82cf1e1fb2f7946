# print() of arrays of each dtype and rank, like NumPy's str()
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.5
    print(a)
    b = np.zeros(4, dtype=np.int64)
    for i in range(4):
        b[i] = i * i - 3
    print(b)
    c = np.zeros(3, dtype=np.bool_)
    c[1] = True
    print(c)
    m = np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            m[i, j] = i - j * 1.25
    print(m)
    f = np.zeros(3, dtype=np.float32)
    f[0] = 0.1
    f[2] = 2.5
    print(f)
    big = np.zeros(3)
    big[0] = 1e10
    big[1] = 1e-5
    print(big)
    print("a =", a, "len", len(a))
    return b
