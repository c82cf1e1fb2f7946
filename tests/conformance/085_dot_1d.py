# np.dot of two 1-D arrays
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(5)
    for i in range(5):
        a[i] = i + 1.0
        b[i] = 0.5 * i - 1
    print(np.dot(a, b), np.dot(b, a), np.dot(a, a))
    print(np.dot(a[::2], b[::2]))
    f = np.ones(3, dtype=np.float32) * 0.5
    print(np.dot(f, f))
    return np.dot(a[1:4], b[:3])
