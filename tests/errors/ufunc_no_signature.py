# error: 13:12: no signature of ufunc 'half' matches the argument types (array(float64, 1d, C)) under NumPy's casting rules; its signatures are float32(float32), int64(int64)
import numpy as np
from numba import njit, vectorize


@vectorize(['float32(float32)', 'int64(int64)'])
def half(x):
    return x / 2


@njit
def main():
    return half(np.arange(3.0))
