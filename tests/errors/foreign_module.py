# error: 9:12: module 'sys' cannot be used in kernels
import sys

from numba import njit


@njit
def main():
    return sys.argv
