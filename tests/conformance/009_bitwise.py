# Bitwise operators and shifts on int64
from numba import njit


@njit
def main():
    a = 0b1100
    b = 0b1010
    print(a & b, a | b, a ^ b, ~a, ~0, -a & 0xFF)
    print(1 << 10, 1 << 62, 1024 >> 3, -1024 >> 3, -1 >> 10, 5 >> 1)
    x = 0
    for i in range(16):
        x |= 1 << i
    print(x, x & 0xF0F0, x ^ 0xFFFF)
    y = 12345
    count = 0
    while y:
        count += y & 1
        y >>= 1
    print(count)
    print(True & False, True | False, True ^ True)
    return a ^ b ^ a
