# Run by tests/cuda/mock/run.sh with the stand-in libcuda.so.1 (no simulator):
# the driver path of launches, host and device arrays, errors.
import math
import numpy as np
from numba import cuda, vectorize


@vectorize(['float64(float64, float64)'], target='cuda')
def hyp(x, y):
    return math.sqrt(x * x + y * y)


@cuda.jit
def scale(a, x):
    i = cuda.grid(1)
    if i < x.shape[0]:
        x[i] *= a


@cuda.jit
def fail(x):
    x[0] = 1.0


def main(which):
    x = np.arange(5.0)
    if which == 0:
        scale[1, 32](2.0, x)                  # host array: copied in and out
        print(x[0], x[4])
        d = cuda.to_device(x)                 # device (managed) array: passed as is
        scale[1, 32](10.0, d)
        h = d.copy_to_host()
        print(h[1], h[4], x[4])
        e = cuda.device_array(3, np.float64)
        e[0] = 1.5                            # managed memory is host-visible
        scale[(1, 1), (8, 4)](4.0, e)
        print(e.copy_to_host()[0])
    elif which == 1:
        fail[1, 1](x)
    else:
        print(hyp(np.arange(3.0), 4.0))      # the kernel synthesized for the ufunc
