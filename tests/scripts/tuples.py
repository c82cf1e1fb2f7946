import numpy as np
from numba import njit


@njit
def minmax(a):
    lo = a[0]
    hi = a[0]
    for i in range(1, a.shape[0]):
        lo = min(lo, a[i])
        hi = max(hi, a[i])
    return lo, hi


@njit
def main():
    t = (1, 2.5, True)
    x, y, z = t
    a, b = 3, 4
    a, b = b, a
    print(t, x, y, z, a, b, t[1], t[-1], len(t))
    arr = np.zeros((3, 5))
    n, m = arr.shape
    print(n, m, arr.shape, (7,))
    v = np.zeros(5)
    for i in range(5):
        v[i] = (i - 2) * 1.5
    return minmax(v)
