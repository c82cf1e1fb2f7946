# int(), float(), bool() and NumPy scalar casts
import numpy as np
from numba import njit


@njit
def main():
    print(int(2.7), int(-2.7), int(True), int(3), float(3), float(-2), bool(0), bool(-3), bool(0.0), bool(0.5))
    print(int(1e10), float(2 ** 40), int(7 / 2))
    print(np.int32(123456), np.float32(3), np.float64(7), np.int64(2.9), np.uint8(255))
    print(np.int8(127) + np.int8(1), np.int32(2.5), np.uint8(3) - np.uint8(5))
    x = 9.99
    return int(x) + int(-x)
