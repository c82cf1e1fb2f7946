# Divergence found by tests/diff (seed 3, program 760).
# Status: fixed in commit 0895362 (jit now prints CPython's output); kept as a regression test.
# float64 `//` (and `//=`) is not Python's floor division: Python (and Numba) compute
# floor((x - fmod(x, y)) / y) with a correction, jit apparently floor(x / y); they differ when x / y
# rounds up to an integer. Here 4095.0 / 2.3333333333333335 rounds to 1755.0 but the true quotient
# is 1754.99999999999989..., so jit's q * y + x % y != x. (float32 // agrees with NumPy.)
#
# CPython (and Numba):           jit:
#   1754.0 2.3333333333330737 True   1755.0 2.3333333333330737 False
#   1754.0                           1755.0
#   1754.0                           1755.0
from numba import njit


@njit
def main():
    x = 4095.0
    y = 2.0 + 1.0 / 3.0
    q = x // y
    r = x % y
    print(q, r, q * y + r == x)
    z = x
    z //= y
    print(z)
    return 4095 // y
