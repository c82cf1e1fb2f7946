"""dtw: dynamic time warping distance of two float64 series (2000 x 2000 table).

Measures a 2-D dynamic program whose inner loop carries a dependency through
cost[i, j - 1] (min/add latency, not vectorizable), plus np.full of a 32 MB table.
One repetition = one element of `a` changed, then one full DTW.

    jit run bench/kernels/dtw.py bench REPS
    python3 bench/kernels/dtw.py REPS
"""
import math
import sys

import numpy as np
from numba import njit

N = 2000


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
def bench(reps):
    a = np.empty(N)
    b = np.empty(N)
    for i in range(N):                      # two phase-shifted waves
        a[i] = math.sin(0.05 * i) + 0.3 * math.cos(0.15 * i)
        b[i] = math.sin(0.04 * i + 0.5) + 0.3 * math.cos(0.12 * i)
    chk = 0.0
    for r in range(reps):
        a[r % N] += 0.001
        chk += dtw(a, b)
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
