# Divergence found by tests/diff (seed 1, programs 33, 126, 156, ... ~2% of all programs).
# Status: fixed in commit 0895362 (jit now prints CPython's output); kept as a regression test.
# print(a, f()) writes each argument as soon as it is evaluated, instead of evaluating all
# arguments first: output printed by a call in a later argument lands in the middle of the line.
#
# CPython (and Numba):       jit:
#   in f                       a in f
#   a 2                        2
from numba import njit


@njit
def f():
    print("in f")
    return 2


@njit
def main():
    print("a", f())
