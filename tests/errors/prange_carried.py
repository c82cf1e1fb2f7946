# A value passed from one prange iteration to the next would race.
# error: 10:13: 'c' is read before it is assigned in the prange body
from numba import njit, prange


@njit(parallel=True)
def f(n):
    c = 1
    for i in prange(n):
        c = c * 2 + i
    return c


def main():
    return f(10)
