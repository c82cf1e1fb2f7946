# Variables assigned in a prange body are private to each iteration; after
# the loop they hold the values of the last iteration, as after a serial
# loop (the loop variable too), and `else:` runs once after the loop.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def last_values(n):
    t = -1
    v = np.zeros(2)
    for i in prange(n):
        t = i * 3
        v = np.full(2, i * 1.0)
    else:
        t += 1000
    return i, t, v.sum()


@njit(parallel=True)
def shadowed_reads(a):
    scale = 2.0
    out = np.empty_like(a)
    for i in prange(a.shape[0]):
        x = a[i]
        y = x * scale
        if y > 10.0:
            y = 10.0
        out[i] = y
    return out


@njit(parallel=True)
def raises_nothing(n):
    s = 0
    for i in prange(n):
        if i < 0:
            raise ValueError("negative")
        s += i
    return s


def main():
    print(last_values(17))
    print(shadowed_reads(np.arange(8.0)))
    print(raises_nothing(100))
