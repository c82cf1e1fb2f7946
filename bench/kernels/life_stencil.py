"""life_stencil: the Game of Life of life.py written as a @stencil.

The same 1024 x 1024 uint8 grid, dead border and checksum as life.py, but
the rule is a stencil kernel reading its neighbours by relative index; each
generation allocates its output (cval=0 on the border), as Numba's @stencil
does. One repetition = two generations.

    jit run bench/kernels/life_stencil.py bench REPS
    python3 bench/kernels/life_stencil.py REPS
"""
import sys

import numpy as np
from numba import njit, stencil

N = 1024


@stencil
def rule(g):
    s = (g[-1, -1] + g[-1, 0] + g[-1, 1] +
         g[0, -1] + g[0, 1] +
         g[1, -1] + g[1, 0] + g[1, 1])
    return np.uint8(1) if s == 3 or (s == 2 and g[0, 0] == 1) else np.uint8(0)


@njit
def bench(reps):
    g = np.zeros((N, N), dtype=np.uint8)
    x = 12345
    for i in range(1, N - 1):               # about one cell in three alive (LCG)
        for j in range(1, N - 1):
            x = (x * 1103515245 + 12345) % 2147483648
            if (x >> 16) % 3 == 0:
                g[i, j] = 1
    for r in range(reps):
        g = rule(rule(g))
    chk = 0                                 # weighted population
    for i in range(N):
        for j in range(N):
            if g[i, j] == 1:
                chk += 1 + (i * 31 + j * 17) % 1000
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
