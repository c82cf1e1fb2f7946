import numpy as np
from numba import njit, void, float32


@njit(void(float32[:, ::1]))
def fill(a):
    a[0, 0] = 1.0


@njit
def main():
    a = np.arange(10).astype(np.float32) * np.float32(0.1)
    b = np.zeros((2, 2), dtype=np.float32)
    fill(b)
    print(np.mean(a), np.mean(np.arange(5)), round(17, -1), round(15, -1), round(25, -1), round(-15, -1), round(7, 2))
    return b[0, 0]
