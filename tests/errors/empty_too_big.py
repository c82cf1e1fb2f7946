# raises: 10: MemoryError: cannot allocate array: its size in bytes overflows int64
# As in NumPy ("array is too big"), the non-zero extents of an empty array
# must not overflow: its strides are computed from them.
import numpy as np
from numba import njit


@njit
def main():
    a = np.empty((0, 1 << 62, 4))
    return a.size
