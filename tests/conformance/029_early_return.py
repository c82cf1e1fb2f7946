# return from inside loops and branches
from numba import njit


@njit
def search(n, target):
    for i in range(n):
        for j in range(n):
            if i * j == target:
                return i * 100 + j
    return -1


@njit
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


@njit
def main():
    print(search(10, 12), search(10, 81), search(5, 99))
    print(clamp(5, 0, 10), clamp(-5, 0, 10), clamp(50, 0, 10))
    print(clamp(0.5, 0.0, 1.0), clamp(2.5, 0.0, 1.0))
    return search(20, 77)
