# raises: 8: AssertionError: n must be even
from numba import njit


@njit
def main():
    n = 7
    assert n % 2 == 0, "n must be even"
    return n
