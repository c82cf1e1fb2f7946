# error: 11:14: argument 1 of c() must be float64, not array(float64, 1d, C)
import numpy as np
from numba import njit, types
from numba.types import float64

c = types.ExternalFunction("cos", float64(float64))


@njit
def main():
    return c(np.zeros(3))
