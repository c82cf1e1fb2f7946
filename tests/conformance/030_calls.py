# Calls between jitted functions, with ints, floats and mixed argument types
from numba import njit


@njit
def square(x):
    return x * x


@njit
def poly(x):
    return 3 * square(x) - 2 * x + 1


@njit
def add3(a, b, c):
    return a + b + c


@njit
def nothing(x):
    x = x + 1


@njit
def main():
    print(square(7), square(2.5), poly(2), poly(0.5))
    print(add3(1, 2, 3), add3(1, 2.5, 3), add3(square(2), poly(1), 0))
    nothing(3)
    s = 0
    for i in range(5):
        s += poly(i)
    return s
