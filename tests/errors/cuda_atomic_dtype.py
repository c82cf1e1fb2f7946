# error: 8:27: cuda.atomic.add() works on arrays of int32, int64, uint32, uint64, float32 or float64, not int8
import numpy as np
from numba import cuda


@cuda.jit
def k(a):
    old = cuda.atomic.add(a, 0, 1)


def main():
    a = np.zeros(4, dtype=np.int8)
    k[1, 1](a)
