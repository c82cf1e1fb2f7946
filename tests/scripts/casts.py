import numpy as np
from numba import njit


@njit
def main():
    x = 3.99
    print(int(x), int(-x), float(7), bool(0), bool(2.5), int(True))
    print(np.float32(x), np.int64(-2.5), np.int8(100), np.uint8(200), np.int16(7000))
    print(np.float64(np.float32(0.1)), np.int32(2 ** 20), np.uint32(3.7))
    return int(x * 100)
