# error: 7:9: list comprehension
from numba import njit


@njit
def main():
    xs = [i * i for i in range(10)]
    return xs[3]
