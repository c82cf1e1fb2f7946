# Module-level numeric constants are compile-time constants
import math
import numpy as np
from numba import njit

N = 10
HALF = N // 2
SCALE = 2.5
TWO_PI = 2 * math.pi
NEG = -N
FLAG = True
F32 = np.float32(0.5)


@njit
def main():
    s = 0.0
    for i in range(N):
        s += i * SCALE
    print(N, HALF, SCALE, TWO_PI, NEG, FLAG, F32)
    a = np.zeros(HALF)
    a[HALF - 1] = SCALE
    print(a)
    if FLAG:
        s += 1
    return s
