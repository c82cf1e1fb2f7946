# Every reduction kind Numba recognizes in a prange loop, on ints and on
# floats whose sums are exact, so that every thread count prints the same.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def int_reductions(n):
    s = 0
    d = 100
    p = 1
    lo = 1 << 40
    hi = -(1 << 40)
    o = 0
    a = -1
    x = 0
    for i in prange(n):
        v = (i * 7919) % 1009
        s += v
        d -= i % 3
        lo = min(lo, v - 500)
        hi = max(v, hi)
        o |= 1 << (i % 40)
        a &= ~(1 << (i % 17))
        x ^= i
    for k in prange(1, 21):
        p *= k
    return s, d, p, lo, hi, o, a, x


@njit(parallel=True)
def float_reductions(a):
    s = 0.0
    m = 1.0
    lo = np.inf
    hi = -np.inf
    for i in prange(a.shape[0]):
        s += a[i]
        s = s + 0.5
        lo = min(lo, a[i])
        hi = max(hi, a[i] * 2.0)
    for i in prange(10):
        m *= 2.0
    return s, m, lo, hi


@njit(parallel=True)
def float32_sum(a):
    s = np.float32(0)
    for i in prange(a.shape[0]):
        s += a[i]
    return s


@njit(parallel=True)
def empty_ranges(n):
    c = 0
    t = 1.0
    for i in prange(n, n):
        c += 1
        t *= 3.0
    for i in prange(0):
        c += 100
    return c, t


@njit(parallel=True)
def with_start(n):
    s = 0
    for i in prange(5, n):
        s += i
    return s


def main():
    print(int_reductions(10000))
    print(int_reductions(1))
    print(float_reductions(np.arange(1000.0)))
    print(float32_sum(np.ones(4096, dtype=np.float32)))
    print(empty_ranges(7))
    print(with_start(1000))
