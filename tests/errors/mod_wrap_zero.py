# raises: 11: ZeroDivisionError: integer modulo by zero
import numpy as np
from numba import njit


@njit
def main():
    a = np.arange(5.0)
    m = a.shape[0] - 5
    for j in range(5):
        a[j] = (j + 1) % m
    return a
