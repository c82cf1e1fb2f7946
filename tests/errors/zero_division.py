# raises: 9: ZeroDivisionError: integer division by zero
from numba import njit


@njit
def main():
    a = 7
    b = 0
    return a // b
