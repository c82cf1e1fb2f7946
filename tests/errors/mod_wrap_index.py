# raises: 12: IndexError: index 5 is out of bounds for axis 0 with size 5
import numpy as np
from numba import njit


@njit
def main():
    a = np.arange(5.0)
    m = a.shape[0] + 1
    s = 0.0
    for j in range(m):
        s += a[(j + 1) % m]   # (j + 1) % 6 reaches 5: no divide, still checked
    return s
