# float32 stays float32 under float32 arithmetic; mixing with float64 gives float64
import numpy as np
from numba import njit


@njit
def main():
    a = np.float32(0.1)
    b = np.float32(0.2)
    c = a + b
    print(c, a * b, a / b, a - b)
    d = c + 0.1
    print(d)
    e = np.float32(1.0) / np.float32(3.0)
    f = 1.0 / 3.0
    print(e, f, e == f)
    s = np.float32(0.0)
    for i in range(10):
        s += np.float32(0.1)
    print(s)
    g = np.float32(2.5) * 2
    print(g)
    return s
