# error: 7:12: carray() of a voidptr needs the element type: carray(ptr, shape, dtype)
from numba import carray, cfunc


@cfunc("float64(voidptr, int64)")
def first(p, n):
    return carray(p, n)[0]


def main():
    return 0
