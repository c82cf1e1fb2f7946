# np.abs on arrays, np.all / np.any and the a.all() / a.any() methods
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i - 2.5
    print(np.abs(a))
    n = np.zeros(4, dtype=np.int64)
    for i in range(4):
        n[i] = 1 - i
    print(np.abs(n))
    print(np.all(a > -3), np.all(a > 0), np.any(a > 1), np.any(a > 3))
    print((a > -3).all(), (a > 0).all(), (a > 1).any(), (a > 3).any())
    print(np.all(n), np.any(n), n.all(), n.any(), np.any(np.zeros(3)), np.all(np.zeros(0)))
    m = np.ones((2, 2))
    m[1, 1] = 0.0
    return (m.all(), m.any(), np.all(m[0]))
