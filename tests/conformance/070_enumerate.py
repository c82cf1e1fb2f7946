# for i, x in enumerate(a) and enumerate(a, start)
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.5
    t = 0.0
    for i, x in enumerate(a):
        t += i * x
    print(t)
    u = 0
    for i, x in enumerate(a, 10):
        u += i
    print(u)
    best = -1
    for i, x in enumerate(a[::-1]):
        if x == 1.5:
            best = i
    print(best)
    k = 0
    for i, v in enumerate(range(3, 9, 2)):
        k += i * v
    return k
