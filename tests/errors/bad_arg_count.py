# error: 11:12: f() takes 2 arguments but 3 were given
from numba import njit


@njit
def f(a, b):
    return a + b

@njit
def main():
    return f(1, 2, 3)
