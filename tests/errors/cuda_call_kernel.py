# error: 14:5: 'add' is a @cuda.jit kernel: launch it as add[blocks, threads](...)
import numpy as np
from numba import cuda


@cuda.jit
def add(a, out):
    out[0] = a[0]


def main():
    a = np.ones(4)
    out = np.zeros(4)
    add(a, out)
