# error: 7:9: dict displays
from numba import njit


@njit
def main():
    d = {"a": 1, "b": 2}
    return d["a"]
