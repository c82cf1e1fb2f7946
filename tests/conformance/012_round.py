# round() rounds half to even and returns an int for one argument
from numba import njit


@njit
def main():
    print(round(2.5), round(3.5), round(-2.5), round(-0.5), round(0.5), round(1.4999), round(2.6), round(-2.6))
    print(round(7), round(100.0), round(1e15 + 0.5))
    s = 0
    for i in range(10):
        s += round(i * 0.75)
    return s
