# Comparisons, chained comparisons, and/or/not with short circuit
from numba import njit


@njit
def check(x):
    return 0 < x < 10


@njit
def main():
    a = 3
    b = 7
    print(a < b, a > b, a <= 3, a >= 4, a == 3, a != 3)
    print(check(5), check(10), check(-1), 1 < 2 < 3 < 4, 1 < 3 < 2)
    print(a < b and b < 10, a > b or b > 10, not a, not 0, not (a == b))
    print(1.5 == 1.5, 0.1 + 0.2 == 0.3, 2 == 2.0, 3 > 2.5)
    t = True
    f = False
    print(t and f, t or f, t and t, f or f, t != f)
    c = 0
    if a > 0 and b // a > 1:
        c += 1
    if a < 0 or b > 5:
        c += 10
    if not (a > 5):
        c += 100
    return c
