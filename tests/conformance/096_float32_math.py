# math functions and NumPy ufuncs on float32 scalars
import math
import numpy as np
from numba import njit


@njit
def main():
    x = np.float32(2.0)
    print(math.sqrt(x), np.sqrt(x), math.exp(x), np.exp(x), abs(np.float32(-1.5)))
    y = np.float32(0.3)
    print(y * y, y + y + y, np.float32(y * 3), min(y, np.float32(0.1)), max(y, 0.25))
    return np.sin(y)
