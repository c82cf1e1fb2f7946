# Augmented assignment operators on scalars
from numba import njit


@njit
def main():
    a = 100
    a += 5
    a -= 20
    a *= 3
    a //= 4
    a %= 50
    print(a)
    b = 2
    b **= 10
    b <<= 2
    b >>= 3
    b |= 1
    b &= 0xFF
    b ^= 0x0F
    print(b)
    c = 1.5
    c += 1
    c *= 2
    c /= 8
    c -= 0.125
    c **= 2
    print(c)
    d = 10
    d /= 4
    print(d)
    e = -7.5
    e //= 2
    f = -7.5
    f %= 2
    return (e, f)
