# np.negative, np.square, np.reciprocal style ufuncs by name
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(4)
    for i in range(4):
        a[i] = i * 0.5 + 0.5
    print(np.negative(a), np.square(a), np.reciprocal(a))
    return np.negative(3)
