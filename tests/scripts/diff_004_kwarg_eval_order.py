# Divergence found by tests/diff (seed 50, program 352, with --features arrays,more).
# Keyword arguments are evaluated in the order of the callee's parameters, not in the order they
# are written at the call: Python (and Numba) evaluate every argument left to right as written.
#
# CPython (and Numba):    jit:
#   eval 3                  eval 1
#   eval 1                  eval 2
#   eval 2                  eval 3
#   123                     123
#   eval 1                  eval 1
#   eval 3                  eval 2
#   eval 2                  eval 3
#   123                     123
from numba import njit


@njit
def show(x):
    print("eval", x)
    return x


@njit
def f(a, b, c):
    return a * 100 + b * 10 + c


@njit
def main():
    print(f(c=show(3), a=show(1), b=show(2)))
    return f(show(1), c=show(3), b=show(2))
