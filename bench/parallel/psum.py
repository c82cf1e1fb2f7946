"""psum: float64 sum of 2^24 elements in a prange reduction (fastmath).

One repetition = one element changed, then one parallel sum.
    jit run bench/parallel/psum.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/psum.py REPS
"""
import sys

import numpy as np
from numba import njit, prange

N = 1 << 24


@njit(parallel=True, fastmath=True)
def total(x):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i]
    return s


@njit
def bench(reps):
    x = np.empty(N)
    for i in range(N):
        x[i] = ((i * 2654435761) % 4096) / 4096.0
    chk = 0.0
    for r in range(reps):
        x[(r * 7919) % N] += 1.0
        chk += total(x)
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
