# raises: 11: ZeroDivisionError: integer division by zero
from numba import njit


@njit
def main():
    s = 0
    d = 3
    for i in range(5):
        d -= 1
        s += 10 // d
    return s
