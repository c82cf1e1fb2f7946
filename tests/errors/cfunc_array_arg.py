# error: 6:1: argument 1 of @cfunc 'total' is array(float64, 1d, A): a C function takes numbers and C pointers (pass an array as CPointer(float64) and view it with carray(ptr, n))
from numba import cfunc


@cfunc("float64(float64[:])")
def total(a):
    return a.sum()


def main():
    return 0
