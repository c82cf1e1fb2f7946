import numpy as np
from numba import njit


@njit
def main():
    print("hello", 1, -2, 3.0, -0.5, True, False, None)
    print(1.0, 100.0, 1e100, 1e-100, 0.1, 1 / 3, 2 / 3, 1e22, 12345678.9)
    print(np.float32(0.1), np.float32(1.0), np.int8(-3), np.uint64(-1))
    print()
    print(1e308 * 10, -1e308 * 10)
    print((1, 2), (1.5,))
    return None
