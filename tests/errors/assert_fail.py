# raises: 8: AssertionError: x too small
from numba import njit


@njit
def main():
    x = 1
    assert x > 5, "x too small"
    return x
