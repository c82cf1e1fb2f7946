# error: 8:27: cuda.shared.array() of 8192 elements of float64 exceeds the 48 KiB a block's static shared memory can hold
import numpy as np
from numba import cuda, float64


@cuda.jit
def k(a):
    s = cuda.shared.array((64, 128), float64)
    s[0, 0] = a[0]
    a[0] = s[0, 0]


def main():
    a = np.ones(4)
    k[1, 1](a)
