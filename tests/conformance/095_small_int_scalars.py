# int8/int16/int32/uint8 scalars: stored into arrays of that type, read back, arithmetic promotes
import numpy as np
from numba import njit


@njit
def main():
    img = np.zeros(6, dtype=np.uint8)
    for i in range(6):
        img[i] = i * 60
    print(img)
    s = 0
    for i in range(6):
        s += img[i]
    print(s)
    x = img[5]
    y = img[4]
    print(x, y, x + y, x - y, x * 2, x // 7)
    h = np.zeros(3, dtype=np.int16)
    h[0] = 32767
    h[1] = h[0] + 1
    h[2] = -h[0]
    print(h, h[0] + h[0])
    k = np.zeros(2, dtype=np.int32)
    k[0] = 2147483647
    k[1] = k[0] + 1
    return k
