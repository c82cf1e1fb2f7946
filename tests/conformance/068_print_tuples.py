# print() of tuples, nested tuples and shapes
import numpy as np
from numba import njit


@njit
def main():
    print((1, 2))
    print((1.5,), (True, False), (1, 2.5, -3))
    print(((1, 2), (3.0, 4.0)))
    a = np.zeros((2, 5))
    print(a.shape, "shape", a[0].shape)
    t = (3, 0.25)
    print(t, t[0], t[1])
    return (1, (2.5, False))
