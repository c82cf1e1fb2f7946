# Ufuncs made by module-level calls, vf = vectorize([...])(f) and guvectorize,
# as Numba scripts also spell them; f itself stays a plain function.
import numpy as np
from numba import njit, vectorize, guvectorize


def clip1(x, lo):
    if x < lo:
        return lo
    return x


def dot(x, y, res):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    res[0] = s


vclip = vectorize(['float64(float64, float64)'])(clip1)
pclip = vectorize(['float64(float64, float64)'], target='parallel')(clip1)
gdot = guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->()')(dot)


def main():
    a = np.arange(6.0).reshape(2, 3) - 2
    print(vclip(a, 0.5), vclip(-1.0, 0.0), clip1(-1.0, 0.0))
    print(pclip(a, 0.0))
    print(gdot(a, a))
    r = np.zeros(2)
    gdot(a, np.ones(3), r)
    print(r)
