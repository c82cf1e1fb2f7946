# Creating arrays inside loops and helpers, accumulating into them
import numpy as np
from numba import njit


@njit
def histogram(values, nbins, lo, hi):
    h = np.zeros(nbins, dtype=np.int64)
    width = (hi - lo) / nbins
    for i in range(values.shape[0]):
        b = int((values[i] - lo) / width)
        if b >= 0 and b < nbins:
            h[b] += 1
    return h


@njit
def main():
    v = np.zeros(50)
    for i in range(50):
        v[i] = (i * 37 % 50) / 5.0
    print(histogram(v, 5, 0.0, 10.0))
    total = 0.0
    for k in range(1, 4):
        t = np.ones(k * 2) * k
        for i in range(t.shape[0]):
            total += t[i]
    print(total)
    rows = np.zeros((3, 3))
    for i in range(3):
        r = np.full(3, i * 1.0)
        rows[i, :] = r
    return rows
