# args: blur tests/data/mat.npy
# A stencil called directly from the command line (jit run FILE blur a.npy),
# as Python code calls a @stencil function.
from numba import stencil


@stencil(cval=-1)
def blur(a):
    return a[-1, -1] + a[0, 0] * 2 + a[1, 1]
