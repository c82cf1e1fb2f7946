# error: 14:5: 'add' is not a @cuda.jit kernel: only kernels are launched with [blocks, threads]
import numpy as np
from numba import njit


@njit
def add(a, out):
    out[0] = a[0]


def main():
    a = np.ones(4)
    out = np.zeros(4)
    add[1, 4](a, out)
