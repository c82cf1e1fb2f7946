# error: 9:5: 'global' is not supported
from numba import njit

COUNTER = 0


@njit
def main():
    global COUNTER
    COUNTER = COUNTER + 1
    return COUNTER
