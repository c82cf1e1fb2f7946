# A complete small algorithm: bubble sort on an int array, with swaps through tuple assignment
import numpy as np
from numba import njit


@njit
def bubble(a):
    n = a.shape[0]
    swaps = 0
    for i in range(n):
        done = True
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                done = False
        if done:
            break
    return swaps


@njit
def main():
    a = np.zeros(12, dtype=np.int64)
    for i in range(12):
        a[i] = (i * 7 + 3) % 12 - 5
    print(a)
    s = bubble(a)
    print(a, s)
    return bubble(a)
