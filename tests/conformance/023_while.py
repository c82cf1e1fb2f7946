# while loops: counting, conditions with and/or, collatz
from numba import njit


@njit
def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@njit
def main():
    i = 0
    s = 0
    while i < 100:
        s += i
        i += 3
    print(i, s)
    print(collatz(1), collatz(6), collatz(27), collatz(97))
    a = 0
    b = 1
    while a < 1000 and b > 0:
        a, b = b, a + b
    print(a, b)
    x = 1.0
    while x < 1e10:
        x *= 7.5
    return x
