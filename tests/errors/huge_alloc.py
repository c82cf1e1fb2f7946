# raises: 8: MemoryError: cannot allocate
import numpy as np
from numba import njit


@njit
def main():
    a = np.empty(1 << 55)
    return a.size
