# @vectorize(target='cuda'): a synthesized @cuda.jit kernel, one thread per
# output element, launched by the ufunc call: broadcasting of any rank and
# strides, scalars, eager loops by NumPy's casting rules, output arrays,
# empty arrays. Expected output: the same script with target='cpu' under
# Numba (regen.sh: "# oracle: cpu").
# oracle: cpu
import math
import numpy as np
from numba import vectorize, float32, float64, int64


@vectorize(['float32(float32, float32)', 'float64(float64, float64)'], target='cuda')
def hypot2(x, y):
    return math.sqrt(x * x + y * y)


@vectorize([float64(float64, float64, float64)], target='cuda')
def axpy(a, x, y):
    return a * x + y


@vectorize(['int64(int64, int64)'], target='cuda')
def clamp_diff(a, b):
    d = a - b
    if d < 0:
        return 0
    return d


def main():
    a = np.arange(6.0).reshape(2, 3)
    b = np.arange(3.0)
    print(hypot2(a, b))
    print(hypot2(a.T, 1.0))
    f = np.arange(4).astype(np.float32)
    r = hypot2(f, f)
    print(float(r[3]), r[1] == np.float32(math.sqrt(2.0)))
    out = np.zeros((2, 3))
    axpy(2.0, a, b, out)
    print(out)
    print(axpy(0.5, np.arange(5.0), 1.0))
    print(hypot2(np.zeros((0, 3)), 1.0).shape)
    c = np.arange(24).reshape(2, 3, 4)
    print(clamp_diff(c, np.arange(4) * 5).sum(), clamp_diff(c[:, ::2, ::-1], 3)[1])
