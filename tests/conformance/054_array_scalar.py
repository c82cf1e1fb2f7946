# Array with scalar operands on either side
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.5
    print(a * 2.0, 2.0 * a, a + 1, 1 - a, a / 4, 10 / (a + 1), a ** 2, 2 ** a, -a)
    n = np.zeros(4, dtype=np.int64)
    for i in range(4):
        n[i] = i
    print(n * 3, n + 0.5, n / 2, 7 - n, n * 2.5, n ** 2)
    m = np.ones((2, 3))
    return m * 3 - 1
