# raises: 9: ZeroDivisionError: integer modulo by zero
from numba import njit


@njit
def main():
    a = 7
    b = a - 7
    return a % b
