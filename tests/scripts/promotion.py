import numpy as np
from numba import njit


@njit
def main():
    a = 1
    b = 2.5
    c = a + b
    d = a / 2
    e = True + True
    f = np.int32(3) + np.int64(4)
    g = np.float32(1.5) * 2
    h = np.float32(1.5) * np.float32(2.0)
    x = 0
    for i in range(4):
        x = x + 0.5
    print(c, d, e, f, g, h, x)
    return x
