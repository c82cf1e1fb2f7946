# args: f 3 2.5 -4
# Entry function called with int and float arguments from the command line
from numba import njit


@njit
def f(n, x, k):
    s = 0.0
    for i in range(n):
        s += x * i + k
    print(n, x, k, n * x, k // n, k % n)
    return s
