# raises: 7: RuntimeError: TypeError: wrong type
from numba import njit


@njit
def main():
    raise TypeError("wrong type")
