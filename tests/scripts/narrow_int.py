# Integer expressions that lowering computes in a narrower width (see
# jit/lower_narrow.c) and ones it must not narrow: values at the limits of
# each element type, negative values, signed and unsigned mixed, sums that
# leave 32 bits. Every result must be the one int64/uint64 arithmetic gives.
import numpy as np
from numba import njit


@njit
def sums(u8, i8, u16, i16, i32, u32, b):
    # eight uint8 at 255: 2040 (uint64, in i16)
    s = u8[0] + u8[1] + u8[2] + u8[3] + u8[4] + u8[5] + u8[6] + u8[7]
    print(s, s == 2040, s > 2039, s < 2041, s != 3)
    # uint8 - uint8 is uint64 and wraps: never narrowed into a negative compare
    d = u8[8] - u8[0]
    print(d, d > 0, d == 0, d < 1)
    # int8 at the limits: -128 - 127 - 128, products, negation
    t = i8[0] + i8[1] + i8[0]
    print(t, t < -382, t == -383, i8[0] * i8[0], i8[0] * i8[1], -(i8[0] + 0), abs(i8[0] + 0))
    # uint16: 65535 * 65535 leaves 32 bits (stays int64), 65535 + 65535 does not
    print(u16[0] * u16[0], u16[0] + u16[0], u16[0] * u16[0] == 4294836225)
    # int16 * int16 fits in 32 bits, a third factor does not
    print(i16[0] * i16[0], i16[0] * i16[0] * i16[0], i16[1] * i16[0] - i16[0])
    # int32 at the limits: the sum needs 33 bits
    big = i32[0] + i32[0]
    print(big, i32[1] + i32[1], i32[0] - i32[1], big == 4294967294)
    # uint32 is never a narrow leaf
    print(u32[0] + u32[0], u32[0] + 1)
    # bools, literals, mixed signs
    print(b[0] + b[1] + b[0], b[0] - b[1] - 1, u8[0] + i8[0], u8[0] - i8[0], i8[0] - 300)
    # bitwise: negative and non-negative operands
    print(i8[0] & u8[0], i8[0] | i8[1], i8[0] ^ u8[0], ~(u8[0] + 0), (u8[0] & 15) + 1)
    # min / max / abs / casts
    print(max(u8[0] + 0, i8[0] + 0), min(i8[0] - 1, i8[1] + 1), abs(i8[0] - i8[1]),
          np.int64(u8[0]) + u8[1], int(i16[0]) * 2)
    # unsigned min/max of a wrapped difference: huge, not negative
    print(max(u8[8] - u8[0], u8[1] + 0), min(u8[8] - u8[0], u8[1] + 0))
    # chained comparisons with narrow operands
    print(0 <= s < 2041, -383 <= t <= -383, 0 < d < 10)
    return s


@njit
def locals_(u8, i8):
    # a chain of locals: each known from the ones before
    a = u8[0] + u8[1]
    b2 = a * 3 - i8[0]
    c = b2 + a
    print(a, b2, c, c == 2168, c > 2167)
    # assigned a narrow value and, on one path, a value that is not
    x = i8[1] + u8[1]
    if u8[2] == 255:
        x = i8[1] * 10000000000
    print(x, x == 1270000000000, x > 382)
    # accumulated in a loop: never narrow
    acc = 0
    for i in range(8):
        acc = acc + u8[i]
    print(acc, acc == 2040)
    acc2 = u8[0] + 0
    for i in range(100000):
        acc2 += u8[1]
    print(acc2, acc2 == 25500255)
    # assigned in a tuple: not analysed
    y, z = u8[0] + u8[1], 5
    print(y + z, y == 510)
    # a local whose value depends on itself through another local
    p = u8[0] + 0
    for i in range(40):
        q = p * 2
        p = q + 1
    print(p, p > 1000)
    return c


@njit
def div_shift(u8, i8, i16, u16):
    # // % << >> by literals: narrowed for non-negative dividends and counts
    # 0..31, exact (floor) otherwise
    for k in range(2):
        a = np.int64(u8[k]) + u8[k + 1]           # [0, 510], int64
        n = i8[k] + i8[k + 1]                     # [-256, 254]
        print(a // 2, a // 7, a // 1000, a % 3, a % 1, a % 600, (a + 1) // 2 == 128)
        print(n // 2, n % 3, n // -3, n % -7, n >> 1, n >> 20, n << 3, n << 31)
        print(a >> 0, a >> 3, a >> 8, a >> 9, a >> 31, a << 0, a << 22, a << 23, a << 40)
        print((i16[k] + 0) >> 15, (i16[k] + 0) >> 16, (i16[k] + 0) << 16, (u16[k] + 0) << 15,
              (u16[k] + 0) // 255, (u16[k] + 0) % 256)
        # a uint64 shifted right: logical, so only a non-negative one narrows
        w = u8[k] + u8[k + 1]
        print(w >> 1, (u8[k] - u8[k + 1]) >> 60, w << 1)
        s = (np.int64(u8[k]) + u8[k + 1] + u8[k + 2]) // 3
        print(s, s == 85, s > 84)


@njit
def wrapped_to_float(u8, i8, u16, i16, i32, b):
    # found by a random-program comparison: -(u8 + u8) is a uint64 that
    # wraps, converted to float; narrowed and sign-extended it met an LLVM 19
    # SLP vectorizer bug (uitofp of a sext computed as uitofp of the narrow
    # value), so a uint64 that may be negative is not narrowed
    out = 0
    for k in range(5):
        v0 = min(((i8[4] - i32[1]) + abs(i32[0])), ((i32[3] - i8[k]) - (np.int64(u8[k]) + 7)))
        v1 = i8[4]
        if (v0 <= (v0 - b[3])):
            v1 = (-(u8[2] + u8[k]))
        v2 = -1
        v3 = max(abs((np.int64(u16[3]) + np.int64(u16[0]))), max(abs(np.int64(i16[1])), v1))
        if (v3 >= 2):
            out += 1 * (k + 1)
        if (v2 == (np.int64(u16[2]) - np.int64(b[2]))):
            out += 2 * (k + 1)
        if (v0 != (np.int64(u8[0]) + 2147483647)):
            out += 3 * (k + 1)
        out += np.int64(v3 / 1e15) % 1000003
    return out


@njit
def life_rule(g):
    # the Game of Life rule on a row: the compares run in narrow lanes
    out = np.zeros(g.size, dtype=np.uint8)
    for j in range(1, g.size - 1):
        s = g[j - 1] + g[j + 1] + g[j] + g[j] + g[j - 1] + g[j + 1]
        if s == 3 or (s == 2 and g[j] == 1):
            out[j] = 1
        else:
            out[j] = 0
    return out


@njit
def main():
    u8 = np.array([255, 255, 255, 255, 255, 255, 255, 255, 0], dtype=np.uint8)
    i8 = np.array([-128, 127], dtype=np.int8)
    u16 = np.array([65535], dtype=np.uint16)
    i16 = np.array([-32768, 32767], dtype=np.int16)
    i32 = np.array([2147483647, -2147483648], dtype=np.int32)
    u32 = np.array([4294967295], dtype=np.uint32)
    b = np.array([True, False])
    r1 = sums(u8, i8, u16, i16, i32, u32, b)
    r2 = locals_(u8, i8)
    div_shift(np.array([255, 255, 255, 0], dtype=np.uint8), np.array([-128, -128, 127], dtype=np.int8),
              np.array([-32768, 32767], dtype=np.int16), np.array([65535, 1], dtype=np.uint16))
    print(wrapped_to_float(np.array([0, 1, 255, 128, 7], dtype=np.uint8),
                           np.array([-128, 127, -1, 0, 5], dtype=np.int8),
                           np.array([65535, 0, 32768, 1, 300], dtype=np.uint16), i16,
                           np.array([2147483647, -2147483648, -1, 3, 65536], dtype=np.int32),
                           np.array([True, False, True, False, True])))
    g = np.zeros(300, dtype=np.uint8)
    for j in range(300):
        g[j] = (j * 7 + j // 3) % 2
    out = life_rule(g)
    chk = 0
    for j in range(300):
        chk += out[j] * (j + 1)
    print(chk)
    return r1 + r2
