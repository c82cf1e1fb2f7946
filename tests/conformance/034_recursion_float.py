# args: power 1.5 10
# Recursion with a float result: fast exponentiation
from numba import njit


@njit
def power(x, n):
    if n == 0:
        return 1.0
    half = power(x, n // 2)
    if n % 2 == 0:
        return half * half
    return half * half * x
