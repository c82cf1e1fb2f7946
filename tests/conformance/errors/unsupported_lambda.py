# error: 7:9: 'lambda' is not supported
from numba import njit


@njit
def main():
    f = lambda x: x * 2
    return f(3)
