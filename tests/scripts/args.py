# args: 6 2.5
from numba import njit


@njit
def main(n, x):
    s = 0.0
    for i in range(n):
        s += x * i
    return s
