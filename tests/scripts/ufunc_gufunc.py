# @guvectorize: layouts (n),(n)->(), (m,n),(n)->(m), (n),()->(n),
# (m,n),(n,p)->(m,p), () inputs, outer broadcasting, several outputs,
# dtype selection, outputs passed or allocated, target='parallel'.
import numpy as np
from numba import guvectorize, njit


@guvectorize(['void(float64[:], float64[:], float64[:])'], '(n),(n)->()')
def dot(x, y, res):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    res[0] = s


@guvectorize(['void(float32[:, :], float32[:], float32[:])', 'void(float64[:, :], float64[:], float64[:])'],
             '(m,n),(n)->(m)', target='parallel')
def matvec(a, x, out):
    for i in range(a.shape[0]):
        s = 0.0
        for j in range(a.shape[1]):
            s += a[i, j] * x[j]
        out[i] = s


@guvectorize(['void(float64[:], float64, float64[:])'], '(n),()->(n)')
def scale(x, c, out):
    for i in range(x.shape[0]):
        out[i] = x[i] * c


@guvectorize(['void(float64[:, :], float64[:, :], float64[:, :])'], '(m,n),(n,p)->(m,p)', target='parallel')
def matmul(a, b, c):
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            s = 0.0
            for k in range(a.shape[1]):
                s += a[i, k] * b[k, j]
            c[i, j] = s


@guvectorize(['void(int64[:], int64[:], int64[:])'], '(n)->(),()')
def minmax(x, lo, hi):
    lo[0] = x[0]
    hi[0] = x[0]
    for i in range(1, x.shape[0]):
        lo[0] = min(lo[0], x[i])
        hi[0] = max(hi[0], x[i])


@guvectorize('(n)->(n)')
def cumsum(x, out):
    s = x[0] * 0
    for i in range(x.shape[0]):
        s += x[i]
        out[i] = s


def main():
    a = np.arange(6.0).reshape(2, 3)
    m = np.arange(24.0).reshape(2, 3, 4)
    print(dot(a, a), dot(a[0], a[1]), dot(a, np.ones(3)))
    print(dot(np.arange(12.0).reshape(2, 2, 3), a[0]))
    print(matvec(m, np.ones(4)))
    print(matvec(m[0], np.arange(4.0)))
    print(matvec(m[0].astype(np.float32), np.arange(4.0).astype(np.float32)))
    print(matvec(m[:, :, ::2], np.arange(2)))
    print(scale(a, 2.0), scale(a, 3))
    print(scale(np.arange(3.0), np.arange(2.0).reshape(2, 1)))
    print(matmul(a, a.T), matmul(m, np.ones((4, 2))))
    lo, hi = minmax(np.array([[3, 1, 4], [1, 5, 9]]))
    print(lo, hi)
    o = np.zeros((2, 3))
    matvec(m, np.ones(4), o)
    print(o)
    c = np.zeros(3, dtype=np.int64)
    cumsum(np.arange(1, 4), c)
    print(c)
    f = np.zeros(4)
    cumsum(np.arange(4.0) * 0.5, f)
    print(f)


@njit
def jitted():
    # from @njit code, with the outputs passed as Numba requires
    a = np.arange(6.0).reshape(2, 3)
    r = np.zeros(2)
    dot(a, a, r)
    o = np.zeros((2, 3))
    scale(a, 0.5, o)
    return r, o
