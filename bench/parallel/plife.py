"""plife: Game of Life on a 1024 x 1024 torus, rows in a prange.

One repetition = one generation.
    jit run bench/parallel/plife.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/plife.py REPS
"""
import sys

import numpy as np
from numba import njit, prange

N = 1024


@njit(parallel=True)
def step(g, out):
    n = g.shape[0]
    m = g.shape[1]
    for i in prange(n):
        up = (i - 1 + n) % n
        dn = (i + 1) % n
        for j in range(m):
            lf = (j - 1 + m) % m
            rt = (j + 1) % m
            k = (g[up, lf] + g[up, j] + g[up, rt] + g[i, lf] + g[i, rt] +
                 g[dn, lf] + g[dn, j] + g[dn, rt])
            alive = g[i, j]
            out[i, j] = 1 if k == 3 or (alive == 1 and k == 2) else 0


@njit
def bench(reps):
    a = np.zeros((N, N), dtype=np.uint8)
    for i in range(N):
        for j in range(N):
            a[i, j] = 1 if ((i * 2654435761 + j * 40503) % 7) < 2 else 0
    b = np.zeros_like(a)
    for r in range(reps):
        step(a, b)
        a, b = b, a
    chk = 0
    for i in range(N):
        for j in range(N):
            chk += a[i, j]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
