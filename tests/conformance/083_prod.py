# np.prod and a.prod()
import numpy as np
from numba import njit


@njit
def main():
    n = np.zeros(6, dtype=np.int64)
    for i in range(6):
        n[i] = i + 1
    print(np.prod(n), n.prod(), np.prod(n[::2]), np.prod(n[:0]))
    a = np.zeros(4)
    for i in range(4):
        a[i] = 0.5 * (i + 1)
    print(np.prod(a), a.prod())
    m = np.ones((2, 3)) * 2
    return m.prod()
