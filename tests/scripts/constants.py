import math
import numpy as np
from numba import njit

N = 10
SCALE = 2.5
HALF = N // 2
TWO_PI = 2 * math.pi
EPS = np.float32(1e-3)
FLAG = True
NEG = -N


@njit
def main():
    s = 0.0
    for i in range(N):
        s += i * SCALE
    print(N, SCALE, HALF, TWO_PI, EPS, FLAG, NEG, np.pi, np.inf)
    return s
