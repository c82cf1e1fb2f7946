# np.argmin / np.argmax and methods: first occurrence on ties, flattened index on 2-D
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(8)
    for i in range(8):
        a[i] = (i * 3 % 8) - 4.0
    print(a, np.argmin(a), np.argmax(a), a.argmin(), a.argmax())
    t = np.zeros(5)
    t[1] = 2.0
    t[3] = 2.0
    print(np.argmax(t), np.argmin(t), t.argmax())
    m = np.zeros((3, 4))
    for i in range(3):
        for j in range(4):
            m[i, j] = (i * 5 + j * 3) % 7
    print(np.argmax(m), np.argmin(m), m.argmax())
    n = np.zeros(4, dtype=np.int64)
    n[2] = -9
    return (n.argmin(), np.argmax(n[::-1]))
