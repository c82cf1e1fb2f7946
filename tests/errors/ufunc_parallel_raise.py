# raises: 9: ValueError: too big
import numpy as np
from numba import vectorize


@vectorize(['float64(float64)'], target='parallel')
def checked(x):
    if x > 5:
        raise ValueError("too big")
    return x


def main():
    print(checked(np.arange(5.0)))
    print(checked(np.arange(10.0)))
