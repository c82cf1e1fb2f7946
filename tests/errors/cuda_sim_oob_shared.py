# args: --cuda-sim
# raises: 13: IndexError: tid=[0, 0, 0] ctaid=[0, 0, 0]: index 8 is out of bounds for axis 0 with size 8
import numpy as np
from numba import cuda, float64


@cuda.jit
def reverse(a):
    s = cuda.shared.array(8, float64)
    t = cuda.threadIdx.x
    s[t] = a[t]
    cuda.syncthreads()
    a[t] = s[8 - t]


def main():
    a = np.arange(8.0)
    reverse[1, 8](a)
