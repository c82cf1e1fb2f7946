# np.minimum and np.maximum with arrays and scalars
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    b = np.zeros(6)
    for i in range(6):
        a[i] = i * 1.5
        b[i] = 6 - i
    print(np.minimum(a, b), np.maximum(a, b))
    print(np.minimum(a, 3.0), np.maximum(a, 2), np.maximum(1.0, b))
    n = np.zeros(4, dtype=np.int64)
    for i in range(4):
        n[i] = 2 * i - 3
    return np.maximum(n, 0)
