# Device functions (@cuda.jit(device=True)) called from kernels, math
# functions, float32 kept in float32, and per-thread local arrays.
# ptx: polar void(f4[::1], f4[::1], f4[::1], f4[::1])
# ptx: running_max void(f8[:, ::1], f8[::1])
# ptx: sort3 void(i4[:, ::1])
import math
import numpy as np
from numba import cuda, float32, float64, int32


@cuda.jit(device=True)
def hypot2(x, y):
    return math.sqrt(x * x + y * y)


@cuda.jit(device=True)
def clamp(v, lo, hi):
    if v < lo:
        return lo
    if v > hi:
        return hi
    return v


@cuda.jit
def polar(x, y, r, theta):
    i = cuda.grid(1)
    if i < x.size:
        r[i] = hypot2(x[i], y[i])
        theta[i] = clamp(math.atan2(y[i], x[i]), np.float32(-1.0), np.float32(1.0))


@cuda.jit
def running_max(rows, out):
    i = cuda.grid(1)
    if i < rows.shape[0]:
        buf = cuda.local.array(8, dtype=float64)
        for k in range(8):
            buf[k] = rows[i, k]
        m = buf[0]
        for k in range(1, 8):
            m = max(m, buf[k])
        out[i] = m


@cuda.jit
def sort3(a):
    i = cuda.grid(1)
    if i < a.shape[0]:
        t = cuda.local.array((3,), int32)
        for k in range(3):
            t[k] = a[i, k]
        for p in range(3):
            for q in range(2 - p):
                if t[q] > t[q + 1]:
                    tmp = t[q]
                    t[q] = t[q + 1]
                    t[q + 1] = tmp
        for k in range(3):
            a[i, k] = t[k]


def main():
    n = 10
    x = np.arange(n).astype(np.float32) - np.float32(4.0)
    y = np.ones(n, dtype=np.float32) * np.float32(3.0)
    r = np.zeros(n, dtype=np.float32)
    th = np.zeros(n, dtype=np.float32)
    polar[1, 16](x, y, r, th)
    print(float(r[0]), float(r[4]), float(r[9]), float(th[0]), float(th[4]), float(th[9]))
    rows = np.zeros((5, 8))
    for i in range(5):
        for k in range(8):
            rows[i, k] = ((i * 7 + k * 3) % 11) * 0.5
    out = np.zeros(5)
    running_max[2, 4](rows, out)
    print(out[0], out[1], out[2], out[3], out[4])
    a = np.zeros((4, 3), dtype=np.int32)
    for i in range(4):
        for k in range(3):
            a[i, k] = (i * 5 + k * 7) % 9
    sort3[1, 4](a)
    for i in range(4):
        print(a[i, 0], a[i, 1], a[i, 2])
