# Conditional expressions
from numba import njit


@njit
def sign(x):
    return 1 if x > 0 else (-1 if x < 0 else 0)


@njit
def main():
    print(sign(5), sign(-3), sign(0), sign(2.5))
    s = 0
    for i in range(10):
        s += i if i % 2 == 0 else -i
    a = 3
    y = a * 2.0 if a > 2 else a / 2.0
    print(s, y)
    return 10 if s < 0 else 20
