# np.minimum / np.maximum / np.fmin / np.fmax called on scalars
import numpy as np
from numba import njit


@njit
def main():
    print(np.minimum(2, 3), np.minimum(3, 2), np.maximum(2, 3), np.maximum(3, 2))
    print(np.minimum(2.5, 1.5), np.minimum(1.5, 2.5), np.maximum(2.5, 1.5), np.maximum(1.5, 2.5))
    print(np.maximum(2, 1.5), np.minimum(-1, -0.5))
    return np.maximum(np.float32(0.25), np.float32(-1.0))
