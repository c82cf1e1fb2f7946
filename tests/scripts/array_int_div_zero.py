# Integer // and % inside array expressions follow NumPy's ufuncs (as Numba
# does): a zero divisor gives 0, no ZeroDivisionError; floats give inf/nan.
# A printed tuple shows its arrays with repr, as CPython prints them.
import numpy as np
from numba import njit


@njit
def g(x):
    a = x // 0
    a += x % np.zeros(3, dtype=np.int64)
    a -= 7 // (x - 1)
    b = np.arange(-3, 4)
    return a, b // 2, b % -3, (b * 1.5) // 0.0, x // 2


def main():
    print(g(np.arange(3)))
    print((np.arange(2), 1.5, np.ones((2, 2))))
