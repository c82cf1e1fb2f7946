# error: 8:12: 'frobnicate'
from numba import njit


@njit
def main():
    x = 3
    return frobnicate(x) + 1
