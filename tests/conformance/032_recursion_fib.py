# args: fib 20
# Recursion: an entry function that calls itself
from numba import njit


@njit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
