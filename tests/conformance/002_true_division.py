# `/` is true division: int / int is float64
from numba import njit


@njit
def main():
    print(7 / 2, -7 / 2, 6 / 3, 1 / 3, 2 / 3, 0 / 5)
    a = 10
    b = 4
    c = a / b
    print(c, a / b * b, 1 / 8, -1 / 8)
    print(7.0 / 2, 7 / 2.0, 1e300 / 1e-10)
    return 22 / 7
