import numba
import numpy as np
from numba import jit, njit, float64, int64


@numba.njit
def a(x):
    return x + 1


@jit(nopython=True, nogil=True, cache=False)
def b(x):
    return x * 2


@njit("f8(f8, i8)")
def c(x, n):
    return x * n


@njit(float64(float64[:]))
def d(v):
    return v[0] + v[1]


def plain(x):
    return x - 1


plain_fast = njit(plain)


@njit
def annotated(x: float64, n: int64) -> float64:
    return x ** n


@njit(fastmath=True, boundscheck=False)
def e(v):
    s = 0.0
    for i in range(len(v)):
        s += v[i]
    return s


@njit
def main():
    v = np.ones(2)
    return a(1), b(2.5), c(1.5, 2), d(v), plain_fast(10), annotated(2.0, 3), e(v)
