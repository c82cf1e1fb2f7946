# sig: void(f4[::1], f4[::1], f4[::1])
import math
from numba import cuda


@cuda.jit
def add(a, b, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a[i] + math.sqrt(b[i]) * math.exp(b[i])
