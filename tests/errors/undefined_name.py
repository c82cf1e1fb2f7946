# error: 7:12: name 'y' is not defined
from numba import njit


@njit
def main():
    return y + 1
