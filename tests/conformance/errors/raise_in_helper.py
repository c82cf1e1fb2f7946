# raises: 8: ValueError: x must be non-negative
from numba import njit


@njit
def check(x):
    if x < 0:
        raise ValueError("x must be non-negative")
    return x * 2


@njit
def main():
    s = 0
    for i in range(5, -5, -1):
        s += check(i)
    return s
