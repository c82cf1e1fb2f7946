# np.logical_and / logical_or / logical_not / logical_xor on bool arrays and scalars
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i
    p = a > 1
    q = a < 4
    print(np.logical_and(p, q), np.logical_or(p, q), np.logical_not(q), np.logical_xor(p, q))
    print(np.logical_and(True, False), np.logical_not(0.0))
    return np.logical_or(a > 4, a < 1)
