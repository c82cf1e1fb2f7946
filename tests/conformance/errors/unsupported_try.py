# error: 7:5: 'try' is not supported
from numba import njit


@njit
def main():
    try:
        x = 1 // 0
    except ZeroDivisionError:
        x = 0
    return x
