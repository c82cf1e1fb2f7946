# args: --cuda-sim
# raises: 14: ValueError: grid dimension x of a launch must be at least 1, not 0
import numpy as np
from numba import cuda


@cuda.jit
def k(a):
    a[0] = 1.0


def main():
    a = np.zeros(4)
    k[len(a) // 8, 32](a)
