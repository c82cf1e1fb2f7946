# ** with int and float operands
from numba import njit


@njit
def main():
    print(2 ** 0, 2 ** 1, 2 ** 62, 7 ** 3, (-3) ** 3, (-3) ** 4)
    print(2.0 ** 3, 2 ** 0.5, 4.0 ** 0.5, 9 ** 0.5, 10.0 ** -2, (-8.0) ** 3, 0.5 ** 10)
    x = 1.1
    return x ** 2
