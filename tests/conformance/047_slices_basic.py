# Basic slices with Python's bounds: a[1:-1], a[::2], a[::-1], a[2:], a[:3], out-of-range bounds
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(10)
    for i in range(10):
        a[i] = i
    print(a[1:-1])
    print(a[::2])
    print(a[::-1])
    print(a[2:], a[:3], a[-3:], a[:-7])
    print(a[5:100], a[-100:2], a[7:3], a[3:3])
    print(a[1:8:3], a[8:2:-2], a[-1:-6:-1], a[::-3])
    print(a[1:-1].shape, a[::3].size, a[7:3].shape)
    lo = 2
    hi = 6
    return a[lo:hi]
