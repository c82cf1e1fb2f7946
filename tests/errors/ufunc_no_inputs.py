# error: 6:1: a ufunc takes 1 to 15 arguments; 'one' takes 0
from numba import vectorize


@vectorize
def one():
    return 1


def main():
    return one()
