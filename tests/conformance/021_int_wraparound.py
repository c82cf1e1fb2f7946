# int64 arithmetic wraps around on overflow like machine integers
from numba import njit


@njit
def main():
    big = 9223372036854775807
    print(big + 1, -big - 2, big * 2)
    x = 1
    for i in range(70):
        x *= 3
    print(x)
    h = 1469598103934665603
    for i in range(20):
        h = (h ^ i) * 1099511628211
    return h
