# error: 5:13: signature has 1 arguments but 'add' takes 2
from numba import vectorize


@vectorize(['float64(float64)'])
def add(x, y):
    return x + y


def main():
    return add(1.0, 2.0)
