# raises: 10: ValueError: attempt to get argmax of an empty sequence
# An error raised inside a NumPy function written in the prelude is reported
# at the script's call, not at a line of jit/prelude.py.
import numpy as np
from numba import njit


@njit
def main():
    return np.argmax(np.empty(0))
