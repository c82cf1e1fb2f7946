import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(6)
    for i in range(6):
        a[i] = i * 0.5
    b = np.ones((2, 6), dtype=np.float32)
    c = a * 2.0 + 1.0
    d = np.sqrt(a) + b
    e = a > 1.0
    f = np.where(e, a, -a)
    g = -a + np.abs(f) * 3
    i32 = np.zeros(4, dtype=np.int32)
    for i in range(4):
        i32[i] = i - 2
    h = i32 * 2
    k = i32 / 2
    m = i32 // 3
    print(c)
    print(d)
    print(e, f)
    print(g, h, k, m)
    a[1:3] = 7.0
    a[3:] = c[:3]
    b[1] = a
    b[:, 0] = -1.0
    a += 1
    b *= 2
    print(a)
    print(b)
    col = np.zeros((3, 1))
    row = np.zeros(4)
    for i in range(3):
        col[i, 0] = i
    for j in range(4):
        row[j] = j * 10
    print(col + row)
    print(np.minimum(a, 3.0), np.maximum(i32, 0), (i32 + 1.5) * 2, i32 & 1)
    return np.isnan(a / 0.0)
