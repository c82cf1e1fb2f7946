"""life: Conway's Game of Life on a 1024 x 1024 uint8 grid with a fixed dead border.

Measures a branchy stencil written with plain loops: eight uint8 neighbour loads
and `if s == 3 or (s == 2 and g[i, j] == 1)` per cell (vectorizes only if the
short-circuit condition becomes straight-line code).
One repetition = two generations (g -> out -> g).

    jit run bench/kernels/life.py bench REPS
    python3 bench/kernels/life.py REPS
"""
import sys

import numpy as np
from numba import njit

N = 1024


@njit
def step(g, out):
    n = g.shape[0]
    m = g.shape[1]
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            s = (g[i - 1, j - 1] + g[i - 1, j] + g[i - 1, j + 1] +
                 g[i, j - 1] + g[i, j + 1] +
                 g[i + 1, j - 1] + g[i + 1, j] + g[i + 1, j + 1])
            if s == 3 or (s == 2 and g[i, j] == 1):
                out[i, j] = 1
            else:
                out[i, j] = 0


@njit
def bench(reps):
    g = np.zeros((N, N), dtype=np.uint8)
    out = np.zeros((N, N), dtype=np.uint8)
    x = 12345
    for i in range(1, N - 1):               # about one cell in three alive (LCG)
        for j in range(1, N - 1):
            x = (x * 1103515245 + 12345) % 2147483648
            if (x >> 16) % 3 == 0:
                g[i, j] = 1
    for r in range(reps):
        step(g, out)
        step(out, g)
    chk = 0                                 # weighted population
    for i in range(N):
        for j in range(N):
            if g[i, j] == 1:
                chk += 1 + (i * 31 + j * 17) % 1000
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
