# Mixing array dtypes: int32, float32, uint8, bool and int64 arrays.
# Element values printed as scalars reveal the result dtype (wrap-around, float32 digits).
import numpy as np
from numba import njit


@njit
def main():
    i32 = np.zeros(3, dtype=np.int32)
    f32 = np.zeros(3, dtype=np.float32)
    u8 = np.zeros(3, dtype=np.uint8)
    bb = np.zeros(3, dtype=np.bool_)
    i64 = np.zeros(3, dtype=np.int64)
    f64 = np.zeros(3)
    for i in range(3):
        i32[i] = 1000000000 * (i + 1)
        f32[i] = i * 0.1
        u8[i] = 100 * i + 50
        bb[i] = i % 2 == 1
        i64[i] = i - 1
        f64[i] = i * 0.25
    r2 = i32 + i32
    r3 = u8 + u8
    r4 = bb + i64
    r5 = f32 * f32
    r6 = f32 + f64
    r7 = i32 * i64
    r8 = u8 + i32
    print(r2, r3, r4, r5, r6, r7, r8)
    print(r2[2], r3[2], r4[1], r5[1], r6[1], r7[2], r8[2])
    r9 = f32 * 2.0
    r10 = u8 * 2
    r11 = f32 + 1
    print(r9, r10, r9[1], r10[2], r11[1])
    return bb & (i64 > -1)
