# args: sieve 100
# Sieve of Eratosthenes over a bool array, entry called with an int argument
import numpy as np
from numba import njit


@njit
def sieve(n):
    is_p = np.ones(n + 1, dtype=np.bool_)
    is_p[0] = False
    is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    count = 0
    last = 0
    for k in range(n + 1):
        if is_p[k]:
            count += 1
            last = k
    print(count, last)
    return is_p[90:]
