# abs, min and max builtins on ints and floats
from numba import njit


@njit
def main():
    print(abs(-3), abs(3), abs(-2.5), abs(0.0), abs(-0.0))
    print(min(3, 7), max(3, 7), min(-1, -5), max(2.5, 1.5), min(4, 2, 8, 1), max(4, 2, 8, 1))
    print(min(2, 3.5), max(2, 3.5), min(1.0, 1), max(-2, -2.5))
    best = -1000
    for i in range(10):
        best = max(best, (i * 7) % 11)
    lo = 1000
    for i in range(10):
        lo = min(lo, (i * 7) % 11 - 5)
    print(best, lo)
    return abs(lo - best)
