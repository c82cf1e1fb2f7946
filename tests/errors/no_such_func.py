# args: nothere
# error: -: no function 'nothere'
from numba import njit


@njit
def main():
    return 1
