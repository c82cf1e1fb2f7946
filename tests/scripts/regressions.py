import numpy as np
from numba import njit, float64


@njit
def nested():
    return 1, (2.5, 3)


@njit
def only_raises(x):
    if x > 100:
        raise ValueError("too big")


@njit
def loop_forever_then_return():
    n = 0
    while True:
        n += 1
        if n > 5:
            break
    return n


@njit(fastmath={"nnan", "ninf", "nsz", "arcp", "contract", "afn", "reassoc"})
def fm(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


@njit(float64(float64[:]))
def eager(v):
    return v[0] * 2.0


def plain(x):
    return x * 3


plain_fast = njit(plain)


@njit
def main():
    only_raises(3)
    print(nested(), loop_forever_then_return(), fm(np.ones(8)), eager(np.ones(2)), plain_fast(4))
    return nested()
