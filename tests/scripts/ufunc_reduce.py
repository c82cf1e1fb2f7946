# ufunc.reduce of a 1-D array: loop selection for (dtype, dtype), identity=
# for empty arrays, eager and lazy ufuncs, strided input.
import numpy as np
from numba import njit, vectorize


@vectorize(['float64(float64, float64)', 'int64(int64, int64)'], identity=0)
def add(x, y):
    return x + y


@vectorize(['float64(float64, float64)'])
def mx(x, y):
    return x if x > y else y


@vectorize
def mul(x, y):
    return x * y


@njit
def main():
    print(add.reduce(np.arange(5.0)), add.reduce(np.arange(5)), add.reduce(np.arange(5).astype(np.int32)))
    print(add.reduce(np.zeros(0)))
    print(mx.reduce(np.array([3.0, 9.0, 2.0])), mx.reduce(np.arange(4)))
    print(mul.reduce(np.arange(1, 6)), mul.reduce(np.arange(1.0, 6.0)[::2]))
