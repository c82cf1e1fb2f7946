# Iterating over a homogeneous tuple and indexing it with a run-time index
from numba import njit


@njit
def main():
    s = 0
    for v in (7, -7, 6, -6, 0):
        s += v * v
    t = (1.5, 2.5, 4.0)
    p = 1.0
    for x in t:
        p *= x
    h = (10, 20, 30)
    q = 0
    for i in range(3):
        q = q * 100 + h[i]
    return (s, p, q)
