# sig: void(f8, f8[:, :], f8[:, :])
from numba import cuda


@cuda.jit
def saxpy2d(alpha, x, y):
    i, j = cuda.grid(2)
    if i < y.shape[0] and j < y.shape[1]:
        y[i, j] = alpha * x[i, j] + y[i, j]
    cuda.syncthreads()
