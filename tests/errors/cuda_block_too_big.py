# args: --cuda-sim
# raises: 14: ValueError: launch configuration (1, 1, 1) x (64, 32, 1) exceeds CUDA's limits: at most 1024 threads per block (z at most 64), grid y and z at most 65535
import numpy as np
from numba import cuda


@cuda.jit
def k(a):
    a[0] = 1.0


def main():
    a = np.zeros(4)
    k[1, (64, 32)](a)
