# np.sort returns a sorted copy; a.sort() sorts in place (duplicates, negatives, floats, ints)
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(9)
    for i in range(9):
        a[i] = (i * 4 % 9) - 4.5
    s = np.sort(a)
    print(s)
    print(a)
    a.sort()
    print(a)
    n = np.zeros(8, dtype=np.int64)
    for i in range(8):
        n[i] = (i * 5 % 4) * (1 - 2 * (i % 2))
    print(np.sort(n))
    n.sort()
    print(n)
    v = np.zeros(6)
    for i in range(6):
        v[i] = 6 - i
    w = v[::2]
    w.sort()
    print(v)
    return np.sort(np.zeros(0))
