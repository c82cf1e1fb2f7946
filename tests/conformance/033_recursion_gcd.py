# args: gcd 1071 462
# Recursion with two arguments (Euclid)
from numba import njit


@njit
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
