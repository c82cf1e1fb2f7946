# raises: 9: ValueError
from numba import njit


@njit
def main():
    n = 3
    if n > 2:
        raise ValueError
    return n
