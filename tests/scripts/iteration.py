import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 1.5
    s = 0.0
    for x in a:
        s += x
    t = 0.0
    for i, x in enumerate(a):
        t += i * x
    u = 0.0
    for i, x in enumerate(a, 10):
        u += i
    m = np.ones((3, 2))
    rows = 0.0
    for row in m:
        rows += row[0] + row[1]
    b = np.zeros(3)
    z = 0.0
    for x, y in zip(a, m[:, 1]):
        z += x * y
    r = range(2, 20, 3)
    q = 0
    for v in r:
        q += v
    print(s, t, u, rows, z, q, len(r))
    w = 0
    for c in range(3):
        for x in a[::2]:
            w += 1
    return w
