"""matmul: naive i-j-k matrix product of two 512 x 512 float32 matrices, fastmath=True.

Measures loop choice for vectorization: the k loop is a reduction over a strided
column b[k, j]; the fast plan vectorizes the unit-stride j loop instead.
One repetition = one product c = a @ b (written as three loops).

    jit run bench/kernels/matmul.py bench REPS
    python3 bench/kernels/matmul.py REPS
"""
import sys

import numpy as np
from numba import njit

N = 512


@njit(fastmath=True)
def matmul(a, b, c):
    n = a.shape[0]
    m = b.shape[1]
    p = a.shape[1]
    for i in range(n):
        for j in range(m):
            acc = np.float32(0.0)
            for k in range(p):
                acc += a[i, k] * b[k, j]
            c[i, j] = acc


@njit
def bench(reps):
    a = np.empty((N, N), dtype=np.float32)
    b = np.empty((N, N), dtype=np.float32)
    c = np.zeros((N, N), dtype=np.float32)
    for i in range(N):                      # small exact values: k/16, k < 16
        for j in range(N):
            a[i, j] = np.float32((i * 3 + j * 5) % 16) * np.float32(0.0625)
            b[i, j] = np.float32((i * 7 + j * 11) % 16) * np.float32(0.0625)
    chk = 0.0
    for r in range(reps):
        a[r % N, (r * 7) % N] += np.float32(0.0625)
        matmul(a, b, c)
        chk += c[(r * 7919) % N, (r * 31) % N]
    for i in range(N):
        for j in range(N):
            chk += c[i, j]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
