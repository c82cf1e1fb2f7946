# Tuples: construct, index (also negative), unpack, swap, len, nested
from numba import njit


@njit
def main():
    t = (1, 2.5, True)
    print(t, t[0], t[1], t[2], t[-1], len(t))
    a, b, c = t
    print(a, b, c)
    x = 1
    y = 2
    x, y = y, x
    print(x, y)
    u = (3, 4)
    v = (u, 5)
    print(v, v[0][1], len(v))
    p = (7,)
    print(p, p[0])
    h = (10, 20, 30)
    return h[0] + h[-1]
