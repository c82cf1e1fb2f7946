import numpy as np
from numba import njit


@njit
def step(g, out):
    for i in range(g.shape[0]):
        out[i] = g[i] + 1


@njit
def main():
    g = np.zeros(1000, dtype=np.uint8)
    out = np.zeros(1000, dtype=np.uint8)
    for r in range(7):
        step(g, out)
        g, out = out, g
    a = b = np.ones(3)
    a[0] = 5.0
    print(b, g[:5], out[:5])
    return g[999]
