"""A shared-memory reduction: each block sums its slice in shared memory
(a tree of halving steps separated by syncthreads), one atomic add per
block combines the partial sums.

    jit run examples/cuda_reduce.py               on the GPU
    jit run --cuda-sim examples/cuda_reduce.py    on the CPU simulator

The values are integers (exact in any order), so the GPU's sum equals the
CPU's bit for bit.
"""
import numpy as np
from numba import cuda, njit, int64

TPB = 128          # threads per block: a power of two for the tree
N = 1 << 18


@cuda.jit
def block_sum(x, total):
    s = cuda.shared.array(TPB, dtype=int64)
    t = cuda.threadIdx.x
    # a grid-stride loop: each thread first adds up its own elements
    acc = 0
    for i in range(cuda.grid(1), x.size, cuda.gridsize(1)):
        acc += x[i]
    s[t] = acc
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if t < step:
            s[t] += s[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        cuda.atomic.add(total, 0, s[0])


@njit
def sum_cpu(x):
    s = 0
    for v in x:
        s += v
    return s


def main():
    x = (np.arange(N) * 7919) % 10007
    total = np.zeros(1, dtype=np.int64)
    blocks = 64
    block_sum[blocks, TPB](x, total)
    ref = sum_cpu(x)
    print("GPU sum:", total[0])
    print("CPU sum:", ref)
    print("equal:", total[0] == ref)
