# x % d in range loops where x is the loop variable plus invariant terms
# and d is known only at run time: the wrap-around index of periodic grids.
# The compiler proves x stays in [-d, 2d) before the loop and then computes
# the remainder without dividing, in segments where it is affine
# (jit/lower_stmt.c). Every other case (x further away, d <= 0, steps other
# than 1, break/else, int64 wrap-around) must keep Python's semantics.
import numpy as np
from numba import njit


@njit
def life(g, out):
    n = g.shape[0]
    m = g.shape[1]
    for i in range(n):
        up = (i - 1 + n) % n
        dn = (i + 1) % n
        for j in range(m):
            lf = (j - 1 + m) % m
            rt = (j + 1) % m
            k = (g[up, lf] + g[up, j] + g[up, rt] + g[i, lf] + g[i, rt] +
                 g[dn, lf] + g[dn, j] + g[dn, rt])
            out[i, j] = 1 if k == 3 or (g[i, j] == 1 and k == 2) else 0


@njit
def offsets(lo, hi, k, d):
    # every x = j + k for j in [lo, hi): some inside [-d, 2d), some not
    s = 0
    h = 0
    for j in range(lo, hi):
        r = (j + k) % d
        s += r
        h = h * 31 + r
    return s, h


@njit
def forms(n, d, out):
    # iv on the right, a subtracted invariant, an invariant expression,
    # several terms with different break points
    for j in range(n):
        out[j, 0] = (3 + j) % d
        out[j, 1] = (j - 2) % d
        out[j, 2] = (j - n + 1) % d
        out[j, 3] = (j + 2 * d - 1) % d
        out[j, 4] = (j - d) % (d + 0)
    return out


@njit
def stepped(n, d):
    s = 0
    for j in range(0, n, 3):
        s = s * 7 + (j + 1) % d
    return s


@njit
def with_break(n, d, stop_at):
    s = 0
    for j in range(n):
        r = (j + 1) % d
        if r == stop_at:
            break
        s += r
    return s, j


@njit
def with_else_continue(n, d):
    s = 0
    for j in range(n):
        r = (j - 1) % d
        if r == 0:
            continue
        s += r
    else:
        s += 1000
    return s


@njit
def last_value(n, d):
    j = -7
    t = 0
    for j in range(n):
        t += (j + 1) % d
    return j, t


@njit
def near_max(d):
    # j + big wraps around int64 inside the loop: no fast path
    big = 9223372036854775805
    s = 0
    for j in range(6):
        s = s * 3 + (j + big) % d
    return s


@njit
def gather(a, shift):
    n = a.shape[0]
    b = np.empty_like(a)
    for j in range(n):
        b[j] = a[(j + shift) % n]
    return b


@njit
def prev_use(a, m):
    # a[lf] reads the previous iteration's lf (the first: 0), then lf is set
    lf = 0
    s = 0.0
    for j in range(m):
        s = s * 2.0 + a[lf]
        lf = (j + 1) % m
    return s, lf


@njit
def cond_set(a, m):
    # lf set in a branch only: its uses keep their checks
    lf = 0
    s = 0.0
    for j in range(m):
        if j % 2 == 0:
            lf = (j + 3) % m
        s = s * 2.0 + a[lf]
    return s


def main():
    g = np.zeros((7, 9), dtype=np.uint8)
    for i in range(7):
        for j in range(9):
            g[i, j] = 1 if (i * 2654435761 + j * 40503) % 7 < 3 else 0
    h = np.zeros_like(g)
    for _ in range(6):
        life(g, h)
        g, h = h, g
    print(g.sum(), g[0], g[6])
    for lo, hi in ((0, 10), (-4, 13), (5, 30), (-25, -3), (0, 0), (3, 1)):
        for k in (-12, -5, -1, 0, 1, 4, 9, 15, 40):
            print(lo, hi, k, offsets(lo, hi, k, 5), offsets(lo, hi, k, -5), offsets(lo, hi, k, 1))
    print(forms(7, 3, np.zeros((7, 5), dtype=np.int64)).T)
    print(forms(4, 9, np.zeros((4, 5), dtype=np.int64)).T)
    print(forms(5, -4, np.zeros((5, 5), dtype=np.int64)).T)
    print(stepped(20, 4), stepped(20, -4))
    print(with_break(20, 6, 5), with_break(20, 6, 9), with_break(1, 6, 1))
    print(with_else_continue(10, 4), with_else_continue(0, 4))
    print(last_value(5, 3), last_value(0, 3))
    print(near_max(7), near_max(-7))
    a = np.arange(6.0)
    print(prev_use(a, 6), prev_use(a, 4), cond_set(a, 6), cond_set(a, 5))
    print(gather(a, 1), gather(a, -2), gather(a, 7), gather(a, -13))
