"""pmandel: mandelbrot escape counts, 640 x 480, rows in a prange.

One repetition = one grid.
    jit run bench/parallel/pmandel.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/pmandel.py REPS
"""
import sys

import numpy as np
from numba import njit, prange

W = 640
H = 480
MAX_ITER = 200


@njit
def escape(cr, ci, max_iter):
    zr = 0.0
    zi = 0.0
    for k in range(max_iter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return k
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return max_iter


@njit(parallel=True)
def mandel(out, x0, y0, dx, dy, max_iter):
    for y in prange(out.shape[0]):
        ci = y0 + dy * y
        for x in range(out.shape[1]):
            out[y, x] = escape(x0 + dx * x, ci, max_iter)


@njit
def bench(reps):
    out = np.zeros((H, W), dtype=np.int32)
    chk = 0
    for r in range(reps):
        mandel(out, -2.1, -1.2 + 0.001 * (r % 4), 3.0 / W, 2.4 / H, MAX_ITER)
        chk += out[(r * 7919) % H, (r * 31) % W]
    for y in range(H):
        for x in range(W):
            chk += out[y, x]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
