# error: 7:9: lambda
from numba import njit


@njit
def main():
    f = lambda x: x * 2
    return f(3)
