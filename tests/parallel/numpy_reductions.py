# np.sum, a.sum(), np.mean and np.prod in a parallel=True function run their
# loops on threads (the NumPy prelude inherits the caller's parallel option).
import numpy as np
from numba import njit


@njit(parallel=True)
def stats(a):
    return np.sum(a), a.sum(), np.mean(a), np.prod(a[:6] + 1.0), np.sum(a * 2.0)


@njit(parallel=True)
def int_stats(a):
    return np.sum(a), np.mean(a), np.prod(a[1:8])


@njit(parallel=True)
def grid(a):
    return a.sum(), np.mean(a[1:, ::2])


def main():
    print(stats(np.arange(1000.0)))
    print(int_stats(np.arange(10000)))
    print(grid(np.arange(60.0).reshape(6, 10)))
    print(stats(np.zeros(0)))
