# error: 9:9: reduction variable 's' is updated with more than one operator
from numba import njit, prange


@njit(parallel=True)
def f(n):
    s = 1
    for i in prange(n):
        s += i
        s *= 2
    return s


def main():
    return f(10)
