# args: shift tests/data/matf.npy 2
# A ufunc as the function `jit run` calls: a Fortran-ordered .npy array
# broadcast with a scalar (see also docs/ufuncs.md).
from numba import vectorize


@vectorize(['int64(int64, int64)', 'float64(float64, float64)'])
def shift(x, k):
    return x * 10 + k
