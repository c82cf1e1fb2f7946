# error: 7:5: cannot store str in a variable
from numba import njit


@njit
def main():
    name = "world"
    print("hello", name)
    return 0
