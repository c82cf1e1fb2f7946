# @vectorize called from @njit code: scalars, broadcasting over 1-D/2-D/3-D,
# strided and transposed views, dtype selection (first signature that the
# inputs cast to safely; Numba's mixed int/float rule), eager signatures as
# strings and as type objects, lazy ufuncs, output arrays.
import math

import numpy as np
from numba import njit, vectorize, float32, float64, int64


@vectorize(['float32(float32, float32)', 'float64(float64, float64)'])
def addmul(x, y):
    return x + y * 2


@vectorize([float64(float64, float64)])
def hyp(x, y):
    return math.sqrt(x * x + y * y)


@vectorize([int64(int64), float64(float64)])
def half(x):
    return x // 2


@vectorize
def lazy(x, y):
    return x * y + 1


@vectorize(['float64(float64)'], nopython=True, cache=False)
def relu(x):
    if x > 0:
        return x
    return 0.0


@njit
def main():
    a = np.arange(6.0)
    b = np.arange(6.0).reshape(2, 3)
    c = np.arange(24.0).reshape(2, 3, 4)
    # scalars in, scalar out; ints pick the float64 loop
    print(addmul(1, 2), addmul(1.5, 2.0), addmul(np.float32(1.5), np.float32(2.0)))
    print(hyp(3, 4), half(7), half(7.0), lazy(3, 4), lazy(1.5, 2))
    # arrays: same shape, broadcasting a row, a column, a scalar, 3-D
    print(addmul(a, a))
    print(addmul(b, np.arange(3.0)))
    print(addmul(b, np.arange(2.0).reshape(2, 1)))
    print(addmul(c, b[0, :].reshape(3, 1)))
    print(hyp(b, 4))
    # float32 arrays keep the float32 loop; int64 with float32 takes it too (mixed)
    f = np.arange(4.0).astype(np.float32)
    print(addmul(f, f), addmul(np.arange(3), np.float32(1.5)))
    # int32 data casts safely to float64 only
    i = np.arange(5).astype(np.int32)
    print(addmul(i, i), half(i), half(np.arange(5)))
    # strided and non-contiguous views
    print(addmul(a[::2], a[1::2]))
    print(addmul(b.T, 1.0))
    print(addmul(c[:, 1, ::2], c[1, :2, 1:3]))
    print(relu(a - 2.5))
    # lazy: one loop per input types
    print(lazy(np.arange(4), 2), lazy(np.arange(3.0), 0.5), lazy(f, f))
    # output arrays, and the result is the output itself
    o = np.zeros(6)
    addmul(a, a, o)
    print(o)
    r = addmul(a, 1.0, o)
    r[0] = -1.0
    print(o)
    o2 = np.zeros((2, 3), dtype=np.float32)
    addmul(b, 1, o2)
    print(o2)
    # in place, and fused into a larger array expression
    addmul(a, a, a)
    print(a)
    print(addmul(a[:3], a[3:]) * 2 + hyp(a[:3], a[3:]))
