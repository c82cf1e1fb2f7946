"""pempty: the fork/join cost of a prange loop that does (almost) nothing.

One repetition = one parallel loop of 64 trivial iterations.
    jit run bench/parallel/pempty.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/pempty.py REPS
"""
import sys

import numpy as np
from numba import njit, prange


@njit(parallel=True)
def tick(a):
    for i in prange(a.shape[0]):
        a[i] += 1


@njit
def bench(reps):
    a = np.zeros(64, dtype=np.int64)
    for r in range(reps):
        tick(a)
    return a.sum()


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
