# error: 5:1: 'class' is not supported
from numba import njit


class Point:
    pass


@njit
def main():
    return 1
