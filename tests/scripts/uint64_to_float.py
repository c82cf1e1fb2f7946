# uint64 -> float64/float32 conversions: correctly rounded at the edges (the
# sign bit set, ties, the sticky bit), and right where LLVM 19's SLP
# vectorizer used to compute a wrapped uint64 (-np.uint64(u8)) in a narrow
# width: four copies of the loop body, unrolled, each converting to float.
import numpy as np
from numba import njit


@njit
def wrapped(u8, i16):
    out = 0
    for k in range(5):
        v1 = np.float64(i16[k])
        if u8[k] != 99:
            v1 = -(np.uint64(u8[k]))
        v3 = max(abs(np.int64(i16[1])), v1)
        if v3 >= 2:
            out += 1 * (k + 1)
        out += np.int64(v3 / 1e15) % 1000003
    return out


@njit
def wrapped_i16(u8, i16):
    out = 0
    for k in range(5):
        v1 = np.float64(u8[k])
        if u8[k] != 99:
            v1 = -np.uint64(i16[k])
        out += np.int64(max(v1, 3.0) / 1e15) % 1000003
    return out


@njit
def edges(a):
    for i in range(a.size):
        print(a[i], np.float64(a[i]), np.float32(a[i]), a[i] / 3, a[i] == 9223372036854775807, a[i] > 5, a[i] == -1)


@njit
def main():
    u8 = np.array([0, 1, 255, 128, 7], dtype=np.uint8)
    i16 = np.array([-32768, 32767, -1, 2, 1000], dtype=np.int16)
    print(wrapped(u8, i16))
    print(wrapped_i16(u8, i16))
    # bit patterns as int64: 2^53 + 1, 2^63 - 1, 2^63, 2^63 + 1, the float64
    # tie 2^63 + 1024 and its neighbours, the float32 tie 2^63 + 2^39 and its
    # neighbours, 2^63 + 2^40 - 1, 2^64 - 1025, 2^64 - 1024, 2^64 - 1
    bits = np.array([0, 1, 9007199254740993, 9223372036854775807, -9223372036854775808,
                     -9223372036854775807, -9223372036854774785, -9223372036854774784,
                     -9223372036854774783, -9223371487098961921, -9223371487098961920,
                     -9223371487098961919, -9223370937343148033, -1025, -1024, -1], dtype=np.int64)
    a = np.zeros(bits.size, dtype=np.uint64)
    for i in range(bits.size):
        a[i] = np.uint64(bits[i])
    edges(a)
