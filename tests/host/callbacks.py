# Kernels calling host C functions from libhost.so (jit run --load), as
# Numba calls them after llvmlite.binding.load_library_permanently.
import math

import numpy as np
from numba import njit, types
from numba.types import float32, float64, int32, int64, uint8, void

scale = types.ExternalFunction("host_scale", float64(float64))
progress = types.ExternalFunction("host_progress", void(int64, float64))
count = types.ExternalFunction("host_count", int64())
clamp = types.ExternalFunction("host_clamp", int32(int32, int32, int32))
halve = types.ExternalFunction("host_halve", float32(float32))
is_even = types.ExternalFunction("host_is_even", uint8(int64))
cos = types.ExternalFunction("cos", float64(float64))


@njit
def helper(x):
    return scale(x) + 1


@njit
def main():
    s = 0.0
    for i in range(4):
        s += scale(i)
        progress(i, s)
    print(count(), cos(0.0), helper(2.0))
    print(clamp(-5, 0, 10), clamp(50, 0, 10), clamp(7, 0, 10), clamp(3.9, 0, 10))
    h = halve(np.float32(3.0))
    print(h, is_even(4), is_even(7))
    a = np.arange(6.0)
    for i in range(a.shape[0]):
        a[i] = scale(a[i]) if is_even(i) else a[i]
    print(a)
    return s
