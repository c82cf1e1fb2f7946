# math and numpy constants
import math
import numpy as np
from numba import njit


@njit
def main():
    print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
    print(np.pi, np.e, np.inf, np.nan)
    print(math.pi * 2 == math.tau, math.inf > 1e308, math.nan == math.nan, math.nan != math.nan)
    r = 2.0
    return math.pi * r * r
