# int32 or int64 array + float32 array: Numba picks the float32 loop (NumPy itself would give float64)
import numpy as np
from numba import njit


@njit
def main():
    i32 = np.zeros(3, dtype=np.int32)
    i64 = np.zeros(3, dtype=np.int64)
    f32 = np.zeros(3, dtype=np.float32)
    for i in range(3):
        i32[i] = 1000000 * (i + 1)
        i64[i] = 1000000 * (i + 1)
        f32[i] = i * 0.1
    a = i32 + f32
    b = i64 + f32
    print(a, b)
    print(a[1], b[1])
    return a[2] + b[2]
