# Block-wise sum with a shared-memory tree reduction and syncthreads,
# then a global atomic add of each block's partial sum.
# ptx: block_sum void(f8[::1], f8[::1])
# ptx: block_sum_atomic void(i8[::1], i8[::1])
import numpy as np
from numba import cuda, float64, int64

TPB = 64


@cuda.jit
def block_sum(x, partial):
    s = cuda.shared.array(TPB, dtype=float64)
    tid = cuda.threadIdx.x
    i = cuda.grid(1)
    s[tid] = x[i] if i < x.size else 0.0
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if tid < step:
            s[tid] += s[tid + step]
        cuda.syncthreads()
        step //= 2
    if tid == 0:
        partial[cuda.blockIdx.x] = s[0]


@cuda.jit
def block_sum_atomic(x, total):
    s = cuda.shared.array(shape=(TPB,), dtype=int64)
    tid = cuda.threadIdx.x
    i = cuda.grid(1)
    s[tid] = x[i] if i < x.size else 0
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if tid < step:
            s[tid] += s[tid + step]
        cuda.syncthreads()
        step //= 2
    if tid == 0:
        cuda.atomic.add(total, 0, s[0])


def main():
    n = 1000
    x = np.arange(n) * 0.5
    blocks = (n + TPB - 1) // TPB
    partial = np.zeros(blocks)
    block_sum[blocks, TPB](x, partial)
    print(blocks, partial[0], partial[blocks - 1], partial.sum(), x.sum())
    xi = np.arange(n)
    total = np.zeros(1, dtype=np.int64)
    block_sum_atomic[blocks, TPB](xi, total)
    block_sum_atomic[blocks, TPB](xi, total)
    print(total[0], 2 * xi.sum())
