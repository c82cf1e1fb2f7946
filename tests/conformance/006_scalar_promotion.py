# Numba's typing of mixed scalar arithmetic
import numpy as np
from numba import njit


@njit
def main():
    i32 = np.int32(7)
    i8 = np.int8(-3)
    u8 = np.uint8(200)
    u64 = np.uint64(5)
    f32 = np.float32(1.5)
    print(i32 + 1, i32 * i32, i8 + i8, u8 + u8, u8 + 100)
    print(i32 + f32, i8 * f32, u64 + 1, u64 * u64)
    print(True + True, True * 3, False - 1, True + 0.5)
    print(i32 / np.int32(2), i32 // np.int32(2), i32 % np.int32(4))
    print(np.int16(300) * np.int16(300), np.uint16(65535) + np.uint16(1))
    return i32 + u8
