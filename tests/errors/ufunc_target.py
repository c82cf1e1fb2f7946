# error: 5:2: ufunc target 'gpu' is not supported (use 'cpu', 'parallel' or 'cuda')
from numba import vectorize


@vectorize(['float64(float64)'], target='gpu')
def twice(x):
    return x * 2


def main():
    return twice(1.0)
