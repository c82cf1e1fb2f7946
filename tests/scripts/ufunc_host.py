# Ufuncs called the way Python calls them (main is not decorated: libjit
# compiles it as a helper, the oracle runs it in CPython): out= keyword,
# results allocated, @guvectorize with and without outputs.
import numpy as np
from numba import vectorize, guvectorize


@vectorize(['float64(float64, float64)', 'float32(float32, float32)'])
def lerp(x, y):
    return x * 0.25 + y * 0.75


@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->()')
def dot(x, y, res):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    res[0] = s


def main():
    a = np.arange(6.0).reshape(2, 3)
    o = np.empty((2, 3))
    lerp(a, 2.0, out=o)
    print(o)
    print(lerp(a, a[:, ::-1]))
    r = np.zeros(2)
    dot(a, a, r)
    print(r, dot(a, a), dot(a[0], a[1]))
