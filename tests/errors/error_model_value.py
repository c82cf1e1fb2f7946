# error: 5:19: error_model must be 'python' or 'numpy'
from numba import njit


@njit(error_model="c")
def main():
    return 1
