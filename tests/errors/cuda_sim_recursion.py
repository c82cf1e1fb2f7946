# args: --cuda-sim
# raises: 10: RecursionError: tid=[0, 0, 0] ctaid=[0, 0, 0]: maximum recursion depth exceeded
# A runaway recursion in a simulated thread (its own 1 MiB stack) ends with
# RecursionError, as on the CPU, not with a crash.
import numpy as np
from numba import cuda


@cuda.jit(device=True)
def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


@cuda.jit
def k(out):
    t = cuda.threadIdx.x
    cuda.syncthreads()
    if t == 0:
        out[0] = down(1 << 40)


def main():
    out = np.zeros(4, dtype=np.int64)
    k[1, 4](out)
