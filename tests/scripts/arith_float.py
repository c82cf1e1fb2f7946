from numba import njit


@njit
def main():
    x = 7.5
    y = -2.0
    print(x + y, x - y, x * y, x / y)
    print(x // y, x % y, -x // 2.0, -x % 2.0, 5.0 % -3.0, -0.0 % 1.0)
    print(x ** 2, 2.0 ** 0.5, x ** -1, 10.0 ** 20)
    print(1e16, 1e-5, 0.1 + 0.2, 1.0 / 3.0, 123456789012345.0, 1.5e-7, 2.5e20)
    print(x < y, x == 7.5, x != y)
    return x * y
