# A variable assigned an int and then a float is unified to float64
from numba import njit


@njit
def pick(flag):
    x = 1
    if flag:
        x = 2.5
    return x


@njit
def main():
    s = 0
    for i in range(4):
        s += 0.5
    print(s)
    print(pick(True), pick(False))
    t = 3
    t = t / 2
    print(t)
    n = 0
    n = n + 1
    if n > 0:
        n = n * 0.25
    print(n)
    m = 10
    while m > 1:
        m = m / 4
    return m
