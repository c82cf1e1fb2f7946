# print() with string literals mixed with values
from numba import njit


@njit
def main():
    print("hello")
    print("x =", 3, "y =", 2.5)
    print('single', "double", "")
    print("a", "b", "c")
    n = 4
    for i in range(n):
        print("step", i, "of", n, i / n)
    print("done:", n > 3)
    return 0
