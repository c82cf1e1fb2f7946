# raises: 9: AssertionError
from numba import njit


@njit
def main():
    s = 0.5
    for i in range(3):
        assert s < 2.0
        s *= 2
    return s
