"""triad: STREAM-style float32 triad a[i] = b[i] + s * c[i] over 2^24 elements.

Measures memory bandwidth and plain unit-stride vectorization (3 x 64 MB per pass).
One repetition = one triad pass; s changes with the repetition.

    jit run bench/kernels/triad.py bench REPS
    python3 bench/kernels/triad.py REPS
"""
import sys

import numpy as np
from numba import njit

N = 1 << 24


@njit
def triad(a, b, c, s):
    for i in range(a.shape[0]):
        a[i] = b[i] + s * c[i]


@njit
def bench(reps):
    a = np.zeros(N, dtype=np.float32)
    b = np.empty(N, dtype=np.float32)
    c = np.empty(N, dtype=np.float32)
    for i in range(N):                      # deterministic inputs
        b[i] = np.float32(i % 1000) * np.float32(0.001)
        c[i] = np.float32((i * 7) % 1013) * np.float32(0.0005)
    chk = 0.0
    for r in range(reps):
        triad(a, b, c, np.float32(1.0 + r % 3))
        chk += a[(r * 7919) % N]            # consume every pass
    for i in range(N):
        chk += a[i]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
