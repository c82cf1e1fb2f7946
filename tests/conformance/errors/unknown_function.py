# error: 8:12: name 'frobnicate' is not defined
from numba import njit


@njit
def main():
    x = 3
    return frobnicate(x) + 1
