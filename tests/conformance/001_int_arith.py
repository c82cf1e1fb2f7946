# Integer arithmetic: int64 by default, + - * and ** with non-negative exponents
from numba import njit


@njit
def main():
    a = 17
    b = 5
    print(a + b, a - b, a * b, b - a, -a, +b)
    print(a ** 2, 2 ** 10, 3 ** 0, (-2) ** 3, 10 ** 18)
    c = 1
    for i in range(40):
        c = c * 3 + 1
    print(c)
    big = 9223372036854775807
    print(big, -big - 1)
    return a * b - b * b
