# error: 17:5: launching a kernel as add[blocks, threads](...) is not supported yet
import numpy as np
from numba import cuda, njit


@cuda.jit
def add(a, b, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a[i] + b[i]


@njit
def main():
    a = np.ones(32)
    out = np.zeros(32)
    add[1, 32](a, a, out)
    return out[0]
