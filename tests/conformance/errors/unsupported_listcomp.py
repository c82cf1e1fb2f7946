# error: 7:10: list comprehensions are not supported
from numba import njit


@njit
def main():
    xs = [i * i for i in range(10)]
    return xs[3]
