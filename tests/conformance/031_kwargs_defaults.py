# Keyword arguments and default parameter values
from numba import njit


@njit
def lin(x, a=2, b=1):
    return a * x + b


@njit
def scale(x, factor=0.5):
    return x * factor


@njit
def main():
    print(lin(3), lin(3, 4), lin(3, 4, 5), lin(3, b=10), lin(x=3, a=0), lin(b=-1, x=2, a=3))
    print(scale(4), scale(4, 3), scale(4.0, factor=0.25), scale(factor=2, x=5))
    return lin(1.5, b=0.5)
