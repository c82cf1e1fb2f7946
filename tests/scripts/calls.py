import numpy as np
from numba import njit


@njit
def axpy(a, x, y=1.0, scale=1):
    return (a * x + y) * scale


@njit
def norm2(v):
    s = 0.0
    for i in range(v.shape[0]):
        s += v[i] * v[i]
    return s


@njit
def helper(x):
    return x * 3


@njit
def main():
    v = np.ones(4)
    print(axpy(2.0, 3.0), axpy(2, 3), axpy(2.0, 3.0, 0.5), axpy(1.0, 1.0, scale=3))
    print(axpy(x=2.0, a=1.5, y=0.0), norm2(v), helper(5), helper(1.5))
    return norm2(np.full(3, 2.0))
