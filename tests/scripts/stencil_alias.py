# Stencils made with Numba's call forms: k = stencil(f), stencil(options)(f),
# stencil(f, options); f itself stays a plain function.
import numpy as np
from numba import njit, stencil
import numba


def lap(a):
    return a[-1] + a[1] - 2 * a[0]


def win(a):
    s = 0.0
    for i in range(-2, 3):
        s += a[i]
    return s


k1 = stencil(lap)
k2 = stencil(neighborhood=((-2, 2),), cval=-1.0)(win)
k3 = numba.stencil(lap, cval=9)


@njit
def main():
    v = np.arange(8.0) ** 2
    print(k1(v))
    print(k2(v))
    print(k3(v))

