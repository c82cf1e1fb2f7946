# Bool arrays: &, |, ~, ^ and np.logical_* functions
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i
    p = a > 1
    q = a < 4
    print(p & q, p | q, ~p, p ^ q)
    r = (a % 2 == 0) & (a > 0)
    n = 0
    for i in range(6):
        if r[i]:
            n += 1
    return n
