# 1-, 2- and 3-D grids: cuda.grid, cuda.gridsize, the index registers,
# grid-stride loops, launch dimensions as ints and tuples.
# ptx: fill1 void(i8[::1])
# ptx: stride_loop void(f4[::1], f4)
# ptx: fill2 void(i8[:, ::1])
# ptx: fill3 void(i8[:, :, ::1])
# ptx: regs void(i8[:, ::1])
import numpy as np
from numba import cuda


@cuda.jit
def fill1(out):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = i * 10 + cuda.gridsize(1)


@cuda.jit
def stride_loop(x, a):
    start = cuda.grid(1)
    stride = cuda.gridsize(1)
    for i in range(start, x.shape[0], stride):
        x[i] = x[i] * a + np.float32(1.0)


@cuda.jit
def fill2(out):
    i, j = cuda.grid(2)
    ni, nj = cuda.gridsize(2)
    if i < out.shape[0] and j < out.shape[1]:
        out[i, j] = i * 1000 + j + ni * nj * 0


@cuda.jit
def fill3(out):
    x, y, z = cuda.grid(3)
    if x < out.shape[0] and y < out.shape[1] and z < out.shape[2]:
        out[x, y, z] = x * 100 + y * 10 + z


@cuda.jit
def regs(out):
    b = cuda.blockIdx.x + cuda.blockIdx.y * cuda.gridDim.x
    t = cuda.threadIdx.x + cuda.threadIdx.y * cuda.blockDim.x
    k = b * (cuda.blockDim.x * cuda.blockDim.y) + t
    out[k, 0] = cuda.threadIdx.x
    out[k, 1] = cuda.threadIdx.y
    out[k, 2] = cuda.blockIdx.x
    out[k, 3] = cuda.blockIdx.y
    out[k, 4] = cuda.blockDim.x * 10 + cuda.blockDim.y
    out[k, 5] = cuda.gridDim.x * 10 + cuda.gridDim.y
    out[k, 6] = cuda.threadIdx.z + cuda.blockIdx.z + cuda.blockDim.z + cuda.gridDim.z


def main():
    a = np.zeros(37, dtype=np.int64)
    fill1[5, 8](a)
    print(a[0], a[1], a[36], a.sum())
    x = np.ones(1000, dtype=np.float32)
    stride_loop[3, 32](x, np.float32(2.0))
    print(x[0], x[999], x.sum())
    m = np.zeros((7, 13), dtype=np.int64)
    fill2[(2, 4), (4, 4)](m)
    print(m[0, 0], m[6, 12], m[3, 7], m.sum())
    c = np.zeros((5, 6, 7), dtype=np.int64)
    fill3[(2, 2, 2), (4, 4, 4)](c)
    print(c[4, 5, 6], c[1, 2, 3], c.sum())
    r = np.zeros((24, 7), dtype=np.int64)
    regs[(3, 2), (2, 2)](r)
    for k in range(0, 24, 5):
        print(r[k, 0], r[k, 1], r[k, 2], r[k, 3], r[k, 4], r[k, 5], r[k, 6])
