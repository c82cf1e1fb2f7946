# Kernels a C program uses as plain C functions (@cfunc), and a kernel that
# calls back into the host (types.ExternalFunction / jit_extern). Valid
# Numba: the same file runs under CPython with `numba`.
import math

import numpy as np

from numba import cfunc, carray, njit, types
from numba.types import CPointer, float64, int64, intc, void, voidptr

# The host program registers `progress` with jit_extern() before loading
# this file; under Numba it would be a symbol of a loaded library.
progress = types.ExternalFunction("progress", void(int64, float64))


@cfunc(intc(CPointer(float64), CPointer(float64)))
def by_magnitude(a, b):
    """qsort comparator: orders doubles by absolute value."""
    x, y = abs(a[0]), abs(b[0])
    if x < y:
        return -1
    return 1 if x > y else 0


@cfunc("float64(float64, voidptr)")
def gauss(x, params):
    """Integrand exp(-k x^2), k read from the caller's parameter block."""
    k = carray(params, 1, np.float64)[0]
    return math.exp(-k * x * x)


@njit
def sum_squares(n):
    """Reports its progress to the host every n // 4 steps."""
    s = 0.0
    for i in range(n):
        s += i * i
        if i % (n // 4) == 0:
            progress(i, s)
    return s
