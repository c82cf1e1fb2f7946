import numpy as np
from numba import njit


@njit
def shifted(a, b):
    # i - 1 and i + 1 stay in bounds for i in range(1, n - 1)
    for i in range(1, a.shape[0] - 1):
        b[i] = a[i - 1] + a[i + 1] - 2 * a[i]
    return b


@njit
def partial(a, n):
    s = 0.0
    for i in range(n):
        s += a[i]
    return s


@njit
def main():
    a = np.arange(8) * 1.5
    b = np.zeros(8)
    print(shifted(a, b), partial(a, 8), partial(a, 0))
    return partial(a, 3)
