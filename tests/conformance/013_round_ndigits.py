# round(x, n) with digits
from numba import njit


@njit
def main():
    print(round(3.14159, 2), round(1234.5678, -2), round(0.125, 2), round(-1.5, 0))
    return round(1.23456789, 4)
