# Ufunc dtypes: bool results (parallel), unsigned wraparound, a lazy ufunc on
# booleans, an int32 gufunc writing int64 (parallel).
import numpy as np
from numba import njit, vectorize, guvectorize


@vectorize(['boolean(float64, float64)'], target='parallel')
def close(x, y):
    return abs(x - y) < 0.5


@vectorize(['uint8(uint8)', 'int16(int16)'])
def inc(x):
    return x + 1


@vectorize
def both(a, b):
    return a and b


@guvectorize(['void(int32[:], int64[:])'], '(n)->()', target='parallel')
def count_pos(x, res):
    c = 0
    for i in range(x.shape[0]):
        if x[i] > 0:
            c += 1
    res[0] = c


def main():
    a = np.linspace(0.0, 3.0, 7)
    print(close(a, 1.0), close(a.reshape(7, 1), a[:3]))
    print(inc(np.arange(4).astype(np.uint8)), inc(np.arange(3).astype(np.int8)), inc(np.array([255], dtype=np.uint8)))
    print(both(a > 1, a < 2))
    print(count_pos(np.arange(-3, 9).astype(np.int32).reshape(3, 4)))
