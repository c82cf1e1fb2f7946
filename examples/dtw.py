"""Dynamic time warping distance between two time series.

    jit run examples/dtw.py                 two generated series
    jit run examples/dtw.py dtw a.npy b.npy your own 1-D float64 series

The same file runs under CPython + Numba: python3 examples/dtw.py
"""
import math
import sys

import numpy as np
from numba import njit


@njit
def series(n, phase, freq):
    out = np.empty(n)
    for i in range(n):
        out[i] = math.sin(freq * i + phase) + 0.3 * math.cos(3.0 * freq * i)
    return out


@njit
def dtw(a, b):
    n = a.shape[0]
    m = b.shape[0]
    cost = np.full((n + 1, m + 1), np.inf)
    cost[0, 0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d = abs(a[i - 1] - b[j - 1])
            cost[i, j] = d + min(cost[i - 1, j], cost[i, j - 1], cost[i - 1, j - 1])
    return cost[n, m]


@njit
def main():
    a = series(400, 0.0, 0.05)
    b = series(500, 0.5, 0.04)
    d = dtw(a, b)
    print("dtw distance of", len(a), "and", len(b), "samples:", d)
    return d


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(dtw(np.load(sys.argv[1]), np.load(sys.argv[2])))
    else:
        print(main())
