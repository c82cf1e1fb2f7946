# Integer // and % at the edges: the hardware divide traps on MIN / -1, so
# the divisor -1 is routed around it. MIN // -1 (no integer of the type
# holds -MIN) is 0 and MIN % -1 is 0, as in Numba; scalars, arrays and
# narrow dtypes alike, constant-folded or not (docs/reliability.md).
import numpy as np
from numba import njit


@njit
def divs(a, b):
    return a // b, a % b


@njit
def main():
    m = -9223372036854775807 - 1
    print(m // -1, m % -1)
    print(divs(m, -1), divs(m + 1, -1), divs(m, 1), divs(m, -2), divs(m, 3))
    print(divs(-5, -1), divs(-7, 2), divs(7, -2), divs(0, -1))
    a = np.full(4, m)
    b = np.full(4, -1)
    print(a // b, a % b)
    c = np.full(3, -2147483648).astype(np.int32)
    d = np.full(3, -1).astype(np.int32)
    print(c // d, c % d)
    print(divs(c[0], d[0]))
    print(divs(np.int8(-128), np.int8(-1)))
    return 0
