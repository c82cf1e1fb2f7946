# args: k
# raises: 8: CudaError: a @cuda.jit kernel runs on a GPU: launch it as kernel[blocks, threads](...) or with jit_cuda_launch
import numpy as np
from numba import cuda


@cuda.jit
def k():
    pass
