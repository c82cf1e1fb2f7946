# raises: 13: ValueError: non-broadcastable output operand: its shape does not match the broadcast shape of the inputs
import numpy as np
from numba import vectorize


@vectorize(['float64(float64, float64)'], target='parallel')
def add(x, y):
    return x + y


def main():
    o = np.zeros((2, 4))
    return add(np.zeros((2, 3)), 1.0, o)
