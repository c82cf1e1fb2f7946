# break and continue in for and while loops
from numba import njit


@njit
def first_multiple(n, m):
    for i in range(1, n):
        if i % m == 0:
            return i
    return -1


@njit
def main():
    s = 0
    for i in range(100):
        if i % 3 == 0:
            continue
        if i > 20:
            break
        s += i
    print(s)
    j = 0
    t = 0
    while True:
        j += 1
        if j % 2:
            continue
        t += j
        if j >= 10:
            break
    print(j, t)
    print(first_multiple(50, 7), first_multiple(5, 7))
    found = -1
    for i in range(10):
        if i * i > 40:
            found = i
            break
    return found
