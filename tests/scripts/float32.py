import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(4, dtype=np.float32)
    for i in range(4):
        a[i] = np.float32(i) * np.float32(0.1)
    s = np.float32(0.0)
    for i in range(4):
        s += a[i]
    h = a[1] / np.float32(3.0)
    print(a, s, h, a[3] * 2, a[3] * 2.0)
    return s
