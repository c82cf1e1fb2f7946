# Periodic grids in prange bodies: the wrap-around x % n with n known only
# at run time (the outlined body gets the extents from its context) runs
# without a divide in segments of each chunk (jit/lower_stmt.c); results
# match serial execution for any thread count and chunk boundaries.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def life(g, out):
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
            out[i, j] = 1 if k == 3 or (g[i, j] == 1 and k == 2) else 0


@njit(parallel=True)
def rotate(a, shift):
    # the prange loop itself is the innermost loop: its chunks are split
    n = a.shape[0]
    out = np.empty_like(a)
    for i in prange(n):
        out[i] = a[(i + shift) % n] - a[(i - 1) % n]
    return out


@njit(parallel=True)
def smooth(a, reps):
    n = a.shape[0]
    b = a.copy()
    for r in range(reps):
        c = np.empty_like(b)
        for i in prange(n):
            c[i] = (b[(i - 1 + n) % n] + 2.0 * b[i] + b[(i + 1) % n]) / 4.0
        b = c
    return b


def main():
    g = np.zeros((13, 11), dtype=np.uint8)
    for i in range(13):
        for j in range(11):
            g[i, j] = 1 if (i * 2654435761 + j * 40503) % 7 < 3 else 0
    h = np.zeros_like(g)
    for _ in range(9):
        life(g, h)
        g, h = h, g
    print(g.sum())
    print(g)
    a = np.arange(10.0) ** 2
    for s in (0, 1, 3, -4, 9, 10, 17, -25):
        print(s, rotate(a, s))
    print(smooth(a, 5))
