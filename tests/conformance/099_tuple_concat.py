# Tuple concatenation with +
from numba import njit


@njit
def main():
    w = (1, 2) + (3,)
    print(w, len(w))
    v = (1.5,) + (2, True)
    return v
