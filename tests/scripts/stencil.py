# @stencil kernels: relative indexing in 1, 2 and 3 dimensions, the
# neighborhood inferred or given, cval on the border, several inputs,
# scalar parameters, the output dtype from the kernel's return type, and
# calls from @njit and @njit(parallel=True) code.
import numpy as np
from numba import njit, stencil
import numba




@stencil
def avg3(a):
    return (a[-1] + a[0] + a[1]) / 3


@stencil(cval=-1.0)
def grad(a):
    return a[1] - a[-1]


@stencil
def cross(a):
    return a[-1, 0] + a[1, 0] + a[0, -1] + a[0, 1] - 4 * a[0, 0]


@stencil
def corner(a):
    return a[0, 2] - a[1, 0]


@stencil(neighborhood=((-2, 2),))
def window(a):
    s = 0
    for i in range(-2, 3):
        s += a[i]
    return s


@stencil
def weighted(a, b, w):
    return w * a[0, 1] + b[-1, 0]


@stencil
def vol(a):
    return a[-1, 0, 0] + a[1, 0, 0] + a[0, -1, 1] + a[0, 0, -1]


@stencil
def clip(a):
    if a[0] > 4:
        return 4
    return a[-1] + a[1] if a[0] % 2 == 0 else 0


@stencil(cval=7)
def f32(a):
    return a[-1] + a[1]


@stencil(neighborhood=((-1, 1), (-1, 1)), standard_indexing=("k",))
def conv(a, k):
    s = 0.0
    for i in range(-1, 2):
        for j in range(-1, 2):
            s += k[i + 1, j + 1] * a[i, j]
    return s


@stencil(cval=5)
def diag2(a):
    return a[-1, 2] + a[1, -1]


@stencil(cval=1.5)
def int_cval(a):
    return a[-1] + a[1]


@njit
def main():
    v = np.arange(8.0) ** 2
    print(avg3(v))
    print(grad(v))
    print(window(np.arange(9)))
    print(clip(np.arange(7)))
    print(int_cval(np.arange(5)))
    m = (np.arange(20.0) ** 2).reshape(4, 5)
    print(cross(m))
    print(corner(m))
    print(weighted(m, m * 10, 0.5))
    print(conv(m, np.ones((3, 3)) / 9))
    print(vol(np.arange(27).reshape(3, 3, 3)))
    x = f32(np.arange(5).astype(np.float32) / np.float32(10))
    print(x[1], x[0], x[2] + x[3])
    print(avg3(np.arange(2.0)), avg3(np.arange(0.0)))
    t = (np.arange(12) ** 2).reshape(3, 4)
    print(cross(t.T))
    print(par(m))
    # out=: the result goes into an existing array, whose border is left alone
    o = np.full(8, 7.0)
    r = grad(v, out=o)
    r[0] = 100.0
    print(o)
    o2 = np.zeros((4, 5))
    weighted(m, m, 2.0, out=o2)
    print(o2)
    print(par_out(m))
    o3 = np.zeros((4, 5), dtype=np.int64)
    diag2(np.arange(20).reshape(4, 5), out=o3)
    print(o3)


@njit(parallel=True)
def par(m):
    out = np.zeros(m.shape[0])
    s = cross(m)
    for i in numba.prange(m.shape[0]):
        out[i] = s[i].sum()
    return out


@njit(parallel=True)
def par_out(m):
    o = np.ones_like(m)
    cross(m, out=o)
    return o
