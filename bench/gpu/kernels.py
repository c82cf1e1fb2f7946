"""GPU benchmark kernels, launched from host code (main) by `jit run`.

    JIT_CUDA_TIMING=1 jit run bench/gpu/kernels.py main LOG2N REPS

prints each launch's kernel time (CUDA events) and PTX compile time to
stderr (see targets/cuda.c) and, on stdout, checks of the results against
the CPU. bench/gpu/run.sh runs it and the same kernels under numba-cuda
(bench/gpu/numba_kernels.py) and prints the table. Under the simulator
(JIT_CUDA_SIM=1) with a small LOG2N it checks the kernels without a GPU.
"""
# ptx: copy void(f4[::1], f4[::1])
# ptx: triad void(f4[::1], f4[::1], f4[::1], f4)
# ptx: reduce void(f4[::1], f4[::1])
# ptx: mandelbrot void(i4[:, ::1], f4, f4, f4, i4)
# ptx: blackscholes void(f4[::1], f4[::1], f4[::1], f4[::1], f4[::1], f4, f4)
import math
import numpy as np
from numba import cuda, float32

TPB = 256
MB_W = 2048
MB_H = 1024
MB_ITER = 256


@cuda.jit
def copy(a, b):
    i = cuda.grid(1)
    if i < a.size:
        b[i] = a[i]


@cuda.jit
def triad(a, b, c, s):
    i = cuda.grid(1)
    if i < a.size:
        a[i] = b[i] + s * c[i]


@cuda.jit
def reduce(x, out):
    sh = cuda.shared.array(TPB, dtype=float32)
    t = cuda.threadIdx.x
    acc = float32(0.0)
    for i in range(cuda.grid(1), x.size, cuda.gridsize(1)):
        acc += x[i]
    sh[t] = acc
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if t < step:
            sh[t] += sh[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        cuda.atomic.add(out, 0, sh[0])


@cuda.jit
def mandelbrot(img, x0, y0, scale, max_iter):
    x, y = cuda.grid(2)
    if y < img.shape[0] and x < img.shape[1]:
        cr = x0 + float32(x) * scale
        ci = y0 + float32(y) * scale
        zr = float32(0.0)
        zi = float32(0.0)
        k = 0
        while k < max_iter and zr * zr + zi * zi <= float32(4.0):
            t = zr * zr - zi * zi + cr
            zi = float32(2.0) * zr * zi + ci
            zr = t
            k += 1
        img[y, x] = k


@cuda.jit(device=True)
def cnd(d):
    return float32(0.5) * (float32(1.0) + math.erf(d * float32(0.7071067811865476)))


@cuda.jit
def blackscholes(call, put, s, k, t, r, v):
    i = cuda.grid(1)
    if i < s.size:
        sq = math.sqrt(t[i])
        d1 = (math.log(s[i] / k[i]) + (r + float32(0.5) * v * v) * t[i]) / (v * sq)
        d2 = d1 - v * sq
        e = k[i] * math.exp(-r * t[i])
        c = s[i] * cnd(d1) - e * cnd(d2)
        call[i] = c
        put[i] = c - s[i] + e


def main(logn, reps):
    n = 1 << logn
    blocks = (n + TPB - 1) // TPB
    b = cuda.to_device(np.ones(n, dtype=np.float32))
    c = cuda.to_device(np.full(n, 2.0, dtype=np.float32))
    a = cuda.device_array(n, dtype=np.float32)
    for r in range(reps):
        copy[blocks, TPB](b, a)
    for r in range(reps):
        triad[blocks, TPB](a, b, c, np.float32(3.0))
    ha = a.copy_to_host()
    print("triad ok:", (ha == np.float32(7.0)).all())
    out = cuda.device_array(1, dtype=np.float32)
    rblocks = min(blocks, 1024)
    for r in range(reps):
        out0 = np.zeros(1, dtype=np.float32)
        out = cuda.to_device(out0)
        reduce[rblocks, TPB](b, out)
    print("reduce ok:", out.copy_to_host()[0] == np.float32(n))
    img = cuda.device_array((MB_H, MB_W), dtype=np.int32)
    for r in range(reps):
        mandelbrot[((MB_W + 15) // 16, (MB_H + 15) // 16), (16, 16)](img, np.float32(-2.0), np.float32(-1.0),
                                                                     np.float32(2.0 / MB_H), np.int32(MB_ITER))
    himg = img.copy_to_host()
    print("mandelbrot iterations:", himg.sum())
    m = min(n, 1 << 22)
    mb = (m + TPB - 1) // TPB
    hs = np.linspace(10.0, 50.0, m).astype(np.float32)
    hk = np.full(m, 30.0, dtype=np.float32)
    ht = np.linspace(0.25, 2.0, m).astype(np.float32)
    s = cuda.to_device(hs)
    k = cuda.to_device(hk)
    t = cuda.to_device(ht)
    call = cuda.device_array(m, dtype=np.float32)
    put = cuda.device_array(m, dtype=np.float32)
    for r in range(reps):
        blackscholes[mb, TPB](call, put, s, k, t, np.float32(0.02), np.float32(0.3))
    hc = call.copy_to_host()
    print("blackscholes call[0], call[-1]:", round(float(hc[0]), 3), round(float(hc[m - 1]), 3))
