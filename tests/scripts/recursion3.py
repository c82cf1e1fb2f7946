# args: fact 20
from numba import njit


@njit
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
