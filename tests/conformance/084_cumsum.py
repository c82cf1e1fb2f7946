# np.cumsum and a.cumsum(): 1-D result, 2-D input flattened
import numpy as np
from numba import njit


@njit
def main():
    n = np.zeros(6, dtype=np.int64)
    for i in range(6):
        n[i] = i * 2 - 3
    print(np.cumsum(n), n.cumsum())
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.25
    print(np.cumsum(a), a.cumsum(), np.cumsum(a[::-1]))
    m = np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            m[i, j] = i * 3 + j
    c = np.cumsum(m)
    print(c, c.shape)
    return np.cumsum(np.ones(4, dtype=np.int32))
