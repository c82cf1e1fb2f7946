# In-place array operators: a += b, a *= 2.0, a -= 1, broadcasting a row into a matrix
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    b = np.zeros(5)
    for i in range(5):
        a[i] = i
        b[i] = 0.5
    a += b
    print(a)
    a *= 2.0
    print(a)
    a -= 1
    print(a)
    a /= 4
    print(a)
    m = np.zeros((3, 4))
    row = np.zeros(4)
    for j in range(4):
        row[j] = j
    m += row
    m *= 2
    print(m)
    v = m[1]
    v += 100
    print(m)
    k = np.ones(4, dtype=np.int64)
    k += 3
    k *= k
    k -= np.ones(4, dtype=np.int64)
    return k
