# cuda.atomic.add/max/min on int32, int64, uint32, float32, float64 arrays,
# 1-D and 2-D indices, and the old value they return.
# ptx: histogram void(i8[::1], i4[::1])
# ptx: extremes void(f8[::1], f8[::1], f8[::1])
# ptx: extremes32 void(f4[::1], f4[::1], f4[::1])
# ptx: counters void(i8[:, ::1], u4[::1], i8[::1])
import numpy as np
from numba import cuda


@cuda.jit
def histogram(x, bins):
    i = cuda.grid(1)
    if i < x.size:
        cuda.atomic.add(bins, x[i] % bins.size, 1)


@cuda.jit
def extremes(x, hi, lo):
    i = cuda.grid(1)
    if i < x.size:
        cuda.atomic.max(hi, 0, x[i])
        cuda.atomic.min(lo, 0, x[i])


@cuda.jit
def extremes32(x, hi, lo):
    i = cuda.grid(1)
    if i < x.size:
        cuda.atomic.max(hi, 0, x[i])
        cuda.atomic.min(lo, 0, x[i])


@cuda.jit
def counters(grid2, u, tickets):
    i = cuda.grid(1)
    if i < tickets.size:
        cuda.atomic.add(grid2, (i % 2, i % 3), 2)
        cuda.atomic.max(u, 0, i)
        tickets[i] = cuda.atomic.add(u, 1, 1) * 0 + 1


def main():
    n = 500
    x = np.arange(n) * 7 % 23
    bins = np.zeros(5, dtype=np.int32)
    histogram[4, 128](x, bins)
    print(bins[0], bins[1], bins[2], bins[3], bins[4], bins.sum())
    v = np.sin(np.arange(n) * 0.37) * 10.0
    hi = np.full(1, -1e300)
    lo = np.full(1, 1e300)
    extremes[8, 64](v, hi, lo)
    print(hi[0] == v.max(), lo[0] == v.min())
    v32 = v.astype(np.float32)
    hi32 = np.full(1, -3e38, dtype=np.float32)
    lo32 = np.full(1, 3e38, dtype=np.float32)
    extremes32[8, 64](v32, hi32, lo32)
    print(hi32[0] == v32.max(), lo32[0] == v32.min())
    g = np.zeros((2, 3), dtype=np.int64)
    u = np.zeros(2, dtype=np.uint32)
    t = np.zeros(12, dtype=np.int64)
    counters[3, 4](g, u, t)
    print(g[0, 0], g[1, 2], g.sum(), u[0], u[1], t.sum())
