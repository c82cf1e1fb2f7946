# target='parallel' ufuncs (the outer loop is a prange loop). Numba's
# parallel ufuncs are plain NumPy ufuncs that @njit code cannot call, so
# main is undecorated here (the oracle runs it in CPython); libjit also
# compiles such calls from @njit code.
import math

import numpy as np
from numba import vectorize, guvectorize


@vectorize(['float32(float32, float32)', 'float64(float64, float64)'], target='parallel')
def smooth(x, y):
    return math.exp(-x * x) + y


@guvectorize(['void(float64[:], float64[:])'], '(n)->()', target='parallel')
def norm(x, res):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * x[i]
    res[0] = math.sqrt(s)


def main():
    a = np.linspace(0.0, 1.0, 5)
    b = np.arange(10.0).reshape(2, 5)
    print(smooth(a, 1.0))
    print(smooth(b, a))
    print(smooth(b.T, np.arange(2.0)))
    print(smooth(np.arange(24.0).reshape(2, 3, 4)[:, ::2], 0.5))
    print(smooth(np.float64(0.5), 1.0), smooth(a[1:4].astype(np.float32), np.float32(1)))
    o = np.zeros((2, 5))
    smooth(a, b, o)
    print(o)
    r = np.zeros(2)
    norm(b, r)
    print(r)
    # C-contiguous operands of one shape: one flat loop over all elements
    c = np.arange(24.0).reshape(2, 3, 4)
    print(smooth(c, c * 0.5))
    o3 = np.zeros((2, 3, 4))
    smooth(c, 2.0, o3)
    print(o3[1])
