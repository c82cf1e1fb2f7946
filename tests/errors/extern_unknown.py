# error: 6:5: unknown host function 'jit_test_no_such_symbol': register it with jit_extern() or load the library that defines it (jit run --load LIB.so)
from numba import njit, types
from numba.types import float64


f = types.ExternalFunction("jit_test_no_such_symbol", float64(float64))


@njit
def main():
    return f(1.0)
