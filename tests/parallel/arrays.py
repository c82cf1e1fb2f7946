# Loop bodies that write arrays, keep private temporaries, nest loops and
# call functions: results match serial execution for any thread count.
import numpy as np
from numba import njit, prange


@njit
def norm2(v):
    s = 0.0
    for k in range(v.shape[0]):
        s += v[k] * v[k]
    return s


@njit(parallel=True)
def row_sums(a):
    m, n = a.shape
    out = np.zeros(m)
    for i in prange(m):
        acc = 0.0
        for j in range(n):
            acc += a[i, j]
        out[i] = acc
    return out


@njit(parallel=True)
def row_norms(a):
    out = np.empty(a.shape[0])
    for i in prange(a.shape[0]):
        out[i] = norm2(a[i])
    return out


@njit(parallel=True)
def temporaries(n):
    total = 0.0
    for i in prange(n):
        t = np.arange(4) * i
        u = t + 1.0
        total += u.sum()
    return total


@njit(parallel=True)
def nested(a):
    m, n = a.shape
    s = 0.0
    for i in prange(m):
        for j in prange(n):
            s += a[i, j]
    return s


@njit(parallel=True)
def inner(v):
    s = 0.0
    for k in prange(v.shape[0]):
        s += v[k]
    return s


@njit(parallel=True)
def calls_parallel(a):
    out = np.zeros(a.shape[0])
    for i in prange(a.shape[0]):
        out[i] = inner(a[i])
    return out


@njit(parallel=True)
def mandel_rows(h, w, maxit):
    img = np.zeros((h, w), dtype=np.int64)
    for y in prange(h):
        for x in range(w):
            cr = -2.0 + 3.0 * x / w
            ci = -1.0 + 2.0 * y / h
            zr = 0.0
            zi = 0.0
            k = 0
            while k < maxit and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            img[y, x] = k
    return img


@njit(parallel=True)
def strided(a):
    for i in prange(0, a.shape[0], 3):
        a[i] = -a[i]
    return a


def main():
    a = np.arange(24.0).reshape(6, 4)
    print(row_sums(a))
    print(row_norms(a))
    print(temporaries(100))
    print(nested(a))
    print(calls_parallel(a))
    img = mandel_rows(24, 32, 50)
    print(img.sum(), img[12])
    print(strided(np.arange(10.0)))
