# error: 6:1: 'class' is not supported
import numpy as np
from numba import njit


class Particle:
    def __init__(self, x):
        self.x = x


@njit
def main():
    return np.zeros(3)
