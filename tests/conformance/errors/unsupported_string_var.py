# error: 7:12: string
from numba import njit


@njit
def main():
    name = "world"
    print("hello", name)
    return 0
