"""SAXPY on the GPU: out = a * x + y in float32, one thread per element.

    jit run examples/cuda_saxpy.py               on the GPU
    jit run --cuda-sim examples/cuda_saxpy.py    on the CPU simulator (or JIT_CUDA_SIM=1)

main() is host code: it launches the kernel with host arrays (copied to the
device and back), then again with device arrays (cuda.to_device,
cuda.device_array, copy_to_host), and checks both against the same
computation on the CPU.
"""
import numpy as np
from numba import cuda, njit

N = 100000
THREADS = 256


@cuda.jit
def saxpy(a, x, y, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a * x[i] + y[i]


@njit
def saxpy_cpu(a, x, y):
    return a * x + y


def main():
    x = (np.arange(N) % 1000).astype(np.float32) * np.float32(0.25)
    y = np.ones(N, dtype=np.float32)
    a = np.float32(2.0)
    blocks = (N + THREADS - 1) // THREADS
    out = np.zeros(N, dtype=np.float32)
    saxpy[blocks, THREADS](a, x, y, out)
    ref = saxpy_cpu(a, x, y)
    print("blocks:", blocks, "threads:", THREADS)
    print("host arrays match the CPU:", (out == ref).all())
    dx = cuda.to_device(x)
    dy = cuda.to_device(y)
    dout = cuda.device_array(N, dtype=np.float32)
    saxpy[blocks, THREADS](a, dx, dy, dout)
    got = dout.copy_to_host()
    print("device arrays match the CPU:", (got == ref).all())
    print("out[:3]:", float(got[0]), float(got[1]), float(got[2]), "out[-1]:", float(got[N - 1]))
