# Array expressions of a parallel=True function run on threads once they
# are large enough (16384 elements a thread): contiguous (one flat loop),
# broadcast and strided (split by rows), in-place updates and ufunc calls.
import numpy as np
from numba import njit


@njit(parallel=True)
def flat(a, b):
    c = a * 2.0 + np.sqrt(b) - 1.0
    return c.sum(), c[12345], c[-1]


@njit(parallel=True)
def broadcast(a, row, col):
    d = a - row + col * 0.5
    return d.sum(), d[599, 499], d[1, 2]


@njit(parallel=True)
def strided(a):
    v = a[::2, 1::3]
    w = v * v + 1.0
    a[1:, :] += 1.0
    return w.sum(), a.sum()


@njit(parallel=True)
def ints(n):
    x = np.arange(n)
    y = (x * 3 + 1) % 7
    z = np.where(y > 3, x, -x)
    return y.sum(), z.sum()


@njit(parallel=True)
def small(x):
    return (x + 1).sum()


def main():
    a = np.arange(300000.0)
    b = np.full(300000, 4.0)
    print(flat(a, b))
    m = np.arange(300000.0).reshape(600, 500)
    print(broadcast(m, np.arange(500.0), np.arange(600.0).reshape(600, 1)))
    print(strided(m.copy()))
    print(ints(200001))
    print(small(np.arange(5)))
