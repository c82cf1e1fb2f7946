# error: 8:27: cuda.shared.array() shape must be made of constant non-negative integers
import numpy as np
from numba import cuda, float32


@cuda.jit
def k(a, n):
    s = cuda.shared.array(n, float32)
    s[0] = a[0]
    a[0] = s[0]


def main():
    a = np.ones(4, dtype=np.float32)
    k[1, 1](a, 4)
