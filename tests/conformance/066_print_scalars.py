# print() of ints, floats (repr), bools, None, special floats, float32 and small int types
import math
import numpy as np
from numba import njit


@njit
def main():
    print(0, -1, 123456789012345, True, False, None)
    print(1.0, -0.0, 0.1, 1 / 3, 1e16, 1e15, 1.5e-5, 0.0001, 1e22, 12345678.9, 2.5e300)
    print(math.inf, -math.inf, math.nan, 1e308 * 10)
    print(np.float32(0.1), np.float32(1.0), np.float32(3.5), np.int8(-3), np.uint8(200), np.int32(-7))
    print(np.uint64(1) << np.uint64(63), np.int16(-300))
    print()
    print(1, 2.0, True)
    return None
