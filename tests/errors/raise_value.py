# raises: 9: ValueError: n must be positive
from numba import njit


@njit
def main():
    n = -3
    if n < 0:
        raise ValueError("n must be positive")
    return n
