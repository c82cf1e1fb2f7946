# error: 8:9: cuda.to_device() is host code: it cannot be called in a @cuda.jit function
import numpy as np
from numba import cuda


@cuda.jit
def k(a):
    b = cuda.to_device(a)
    b[0] = 1.0


def main():
    a = np.zeros(4)
    k[1, 1](a)
