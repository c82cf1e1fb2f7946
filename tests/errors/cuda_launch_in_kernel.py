# error: 13:5: a kernel cannot launch another kernel (dynamic parallelism is not supported)
import numpy as np
from numba import cuda


@cuda.jit
def inner(a):
    a[0] = 1.0


@cuda.jit
def outer(a):
    inner[1, 1](a)


def main():
    a = np.zeros(4)
    outer[1, 1](a)
