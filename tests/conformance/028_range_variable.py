# A range object stored in a variable, iterated, and len()
from numba import njit


@njit
def main():
    r = range(5)
    s = 0
    for i in r:
        s += i
    r2 = range(10, 0, -3)
    t = 0
    for i in r2:
        t = t * 100 + i
    print(s, t, len(r), len(r2), len(range(3, 4)), len(range(5, 2)))
    n = 0
    for i in r:
        for j in r:
            n += 1
    return n
