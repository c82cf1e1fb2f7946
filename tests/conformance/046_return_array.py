# Returning arrays from the entry function prints them
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((3, 3), dtype=np.int32)
    for i in range(3):
        m[i, i] = i + 1
        m[i, 2 - i] -= 1
    return m
