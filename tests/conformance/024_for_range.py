# for over range with one, two, three arguments, negative steps, empty ranges
from numba import njit


@njit
def total(a, b, c):
    s = 0
    n = 0
    for i in range(a, b, c):
        s += i
        n += 1
    return s, n


@njit
def main():
    s = 0
    for i in range(10):
        s += i
    print(s)
    t = 0
    for i in range(3, 8):
        t += i * i
    print(t)
    print(total(0, 10, 3), total(10, 0, -1), total(10, 0, -3), total(-5, 5, 2), total(5, -5, -2))
    print(total(0, 0, 1), total(5, 0, 1), total(0, 5, -1), total(-1, -10, -4))
    last = -1
    for i in range(10, -1, -2):
        last = i
    print(last)
    n = 0
    for i in range(-3):
        n += 1
    k = 4
    for i in range(k):
        k = 100
        n += 1
    return n
