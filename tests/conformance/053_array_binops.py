# Element-wise binary operators between arrays of the same shape
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(5)
    for i in range(5):
        a[i] = i + 1.0
        b[i] = 0.5 * i - 1
    print(a + b)
    print(a - b)
    print(a * b)
    print(a / b)
    print(a // 2)
    print(a % 3)
    print(a ** 2)
    x = np.zeros(4, dtype=np.int64)
    y = np.zeros(4, dtype=np.int64)
    for i in range(4):
        x[i] = 3 * i - 4
        y[i] = i + 2
    print(x + y, x * y, x // y, x % y, x / y, -x)
    return a * b + a
