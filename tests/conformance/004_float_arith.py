# float64 arithmetic and repr-style printing of floats
from numba import njit


@njit
def main():
    a = 0.1
    b = 0.2
    print(a + b, a * 3, 1.0 - 0.9, 2.5 * 4, 1e16 + 1.0, 1e16, 1e15)
    print(1.5, -0.0, 3.0, 100.0, 123456789.0, 1e-5, 0.0001, 1.23e-7)
    x = 1.0
    for i in range(10):
        x = x * 1.5 + 0.25
    print(x)
    y = 2.0 ** 0.5
    print(y, y * y, 10.0 ** -3, 2.0 ** 53)
    return x - y
