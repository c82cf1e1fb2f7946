"""sum: float64 reduction s += x[i] over 2^24 elements, fastmath=True.

Measures a vectorized reduction (needs reassociation, hence fastmath) over 128 MB.
One repetition = one element changed, then one full sum.

    jit run bench/kernels/sum.py bench REPS
    python3 bench/kernels/sum.py REPS
"""
import sys

import numpy as np
from numba import njit

N = 1 << 24


@njit(fastmath=True)
def total(x):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i]
    return s


@njit
def bench(reps):
    x = np.empty(N)
    for i in range(N):                      # deterministic inputs in [0, 1)
        x[i] = ((i * 2654435761) % 4096) / 4096.0
    chk = 0.0
    for r in range(reps):
        x[(r * 7919) % N] += 1.0            # so no pass repeats the last one
        chk += total(x)
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
