# `//` and `%` follow Python's signs (floor division, result of % has the divisor's sign)
from numba import njit


@njit
def row(a):
    print(a, a // 3, a % 3, a // -3, a % -3, a // 1, a % 1, a // -1, a % -1, a // 7, a % 7, a // -7, a % -7)


@njit
def main():
    row(7)
    row(-7)
    row(6)
    row(-6)
    row(0)
    print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, -7.5 // -2)
    print(5.0 // 0.5, 5.25 % 0.5, -0.25 % 1.0, 1.0 % -0.25)
    x = 7
    y = -2
    return (x // y, x % y, divmod_like(x, y))


@njit
def divmod_like(a, b):
    q = a // b
    r = a % b
    return q * b + r
