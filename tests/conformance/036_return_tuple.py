# Functions returning tuples; unpacking the result
from numba import njit


@njit
def divmod2(a, b):
    return a // b, a % b


@njit
def stats(n):
    s = 0.0
    m = 0
    for i in range(n):
        s += i * 0.5
        m = max(m, i)
    return s, m, s / n


@njit
def main():
    q, r = divmod2(17, 5)
    print(q, r, divmod2(-17, 5))
    s, m, mean = stats(8)
    print(s, m, mean)
    t = stats(4)
    print(t[0], t[1], t[2], t)
    return divmod2(100, 7)
