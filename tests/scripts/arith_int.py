from numba import njit


@njit
def main():
    a = 17
    b = -5
    print(a + b, a - b, a * b, a / b)
    print(a // b, a % b, -a // 5, -a % 5, a // -b, (-a) % (-b))
    print(2 ** 10, 3 ** 0, 2 ** 62, (-2) ** 3, 2 ** -1, 1 ** -3)
    print(a & 12, a | 12, a ^ 12, 1 << 40, -1024 >> 3, ~a)
    print(a < b, a <= 17, a == 17, a != b, a > b, a >= 18)
    x = 9223372036854775807
    print(x + 1, -x - 1)
    return a * 1000 + b
