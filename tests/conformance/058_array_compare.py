# Comparison operators between arrays and with scalars produce bool arrays
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(5)
    for i in range(5):
        a[i] = i
        b[i] = 4 - i
    print(a > b, a < b, a == b, a != b, a >= 2, a <= 2.0, 3 < a)
    c = a > b
    n = 0
    for i in range(5):
        if c[i]:
            n += 1
    print(n, c[0], c[4])
    k = np.zeros(3, dtype=np.int32)
    k[1] = 5
    return k == 5
