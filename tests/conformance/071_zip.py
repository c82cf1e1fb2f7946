# for x, y in zip(a, b): arrays, views, range, unequal lengths stop at the shortest
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(5)
    for i in range(5):
        a[i] = i
        b[i] = 10 - i
    d = 0.0
    for x, y in zip(a, b):
        d += x * y
    print(d)
    n = 0
    for x, y in zip(a, b[:3]):
        n += 1
    print(n)
    s = 0.0
    for i, x in zip(range(100), a[::2]):
        s += i * x
    print(s)
    m = np.ones((2, 3))
    c = 0.0
    for x, y in zip(a, m[1]):
        c += x + y
    return c
