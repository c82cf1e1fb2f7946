# An integer literal above the int64 range converted to uint64
import numpy as np
from numba import njit


@njit
def main():
    x = np.uint64(18446744073709551615)
    print(x, x - np.uint64(1))
    return x // np.uint64(2)
