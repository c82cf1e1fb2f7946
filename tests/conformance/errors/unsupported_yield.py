# error: 8:9: 'yield' is not supported
from numba import njit


@njit
def gen(n):
    for i in range(n):
        yield i


@njit
def main():
    s = 0
    for v in gen(5):
        s += v
    return s
