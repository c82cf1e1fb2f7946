# error: 7:9: '(' was never closed
from numba import njit


@njit
def main():
    x = (1 + 2
    return x
