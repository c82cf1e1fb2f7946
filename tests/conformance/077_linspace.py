# np.linspace(start, stop, num), endpoints included
import numpy as np
from numba import njit


@njit
def main():
    print(np.linspace(0, 1, 5))
    print(np.linspace(-1.0, 1.0, 9))
    print(np.linspace(2.0, 3.0, 3))
    print(np.linspace(0, 10, 11))
    a = np.linspace(0.0, 1.0, 1)
    print(a)
    b = np.linspace(5, 5, 4)
    return b
