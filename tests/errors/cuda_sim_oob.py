# args: --cuda-sim
# raises: 12: IndexError: tid=[3, 0, 0] ctaid=[3, 0, 0]: index 16 is out of bounds for axis 0 with size 16
import numpy as np
from numba import cuda


@cuda.jit
def shift(a, out):
    i = cuda.grid(1)
    # off by one: the last thread reads past the end
    if i < out.size:
        out[i] = a[i + 1]


def main():
    a = np.ones(16)
    out = np.zeros(16)
    shift[4, 4](a, out)
