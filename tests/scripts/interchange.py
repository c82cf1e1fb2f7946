import numpy as np
from numba import njit


@njit(fastmath=True)
def matmul(a, b, c):
    n, m = a.shape
    p = b.shape[1]
    for i in range(n):
        for j in range(p):
            acc = np.float32(0.0)
            for k in range(m):
                acc += a[i, k] * b[k, j]
            c[i, j] = acc


@njit
def matmul_strict(a, b, c):
    n, m = a.shape
    p = b.shape[1]
    for i in range(n):
        for j in range(p):
            acc = 0.0
            for k in range(m):
                acc += a[i, k] * b[k, j]
            c[i, j] = acc


@njit
def main():
    n = 64
    a = np.empty((n, n + 3), dtype=np.float32)
    b = np.empty((n + 3, n - 5), dtype=np.float32)
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            a[i, j] = ((i * 7 + j * 3) % 11) * np.float32(0.25)
    for i in range(b.shape[0]):
        for j in range(b.shape[1]):
            b[i, j] = ((i * 5 + j) % 13) * np.float32(0.5) - np.float32(1.0)
    c = np.zeros((n, n - 5), dtype=np.float32)
    matmul(a, b, c)
    d = np.zeros((n, n - 5))
    a64 = a.astype(np.float64)
    b64 = b.astype(np.float64)
    matmul_strict(a64, b64, d)
    s = 0.0
    for i in range(c.shape[0]):
        for j in range(c.shape[1]):
            s += c[i, j] * (i + 1) + d[i, j] * (j + 2)
    print(aliased(4), after_loops(5))
    return s


@njit
def aliased(n):
    # the tail writes the array the reduction reads: must run as written
    a = np.ones((n, n))
    for i in range(n):
        for j in range(n):
            acc = 0.0
            for k in range(n):
                acc += a[i, k] * a[k, j]
            a[i, j] = acc
    return a[n - 1, n - 1]


@njit
def after_loops(n):
    # the loop variables and the accumulator keep their final values
    b = np.ones((n, n))
    out = np.zeros(n)
    acc = -1.0
    k = -1
    j = -1
    for j in range(n):
        acc = 0.5
        for k in range(n):
            acc += b[k, j]
        out[j] = acc
    return j, k, acc, out[0]
