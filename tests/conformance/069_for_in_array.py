# for x in a: over 1-D arrays, views, and rows of a 2-D array
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 1.5
    s = 0.0
    for x in a:
        s += x
    print(s)
    t = 0.0
    for x in a[::-2]:
        t = t * 10 + x
    print(t)
    m = np.zeros((3, 2))
    for i in range(3):
        m[i, 0] = i
        m[i, 1] = 10 * i
    rows = 0.0
    for row in m:
        rows += row[0] * row[1]
    print(rows)
    n = np.zeros(4, dtype=np.int32)
    n[2] = 7
    c = 0
    for v in n:
        c += v
    for w in np.zeros(0):
        c += 1000
    return c
