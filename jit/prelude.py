# prelude.py - NumPy functions written in the kernel language.
#
# Compiled into libjit (build/gen/prelude.c) and parsed with every module;
# frontend/builtins.h maps numpy.NAME and a.NAME() to these functions
# (R_PRELUDE rows). Each is specialized per argument types like user code,
# so it is optimized and inlined with its caller. A function named
# NAME_N_M is the variant for arguments of N and M dimensions (0 for
# scalars) and is preferred over plain NAME.
#
# Intrinsics: _flat(a) is a 1-D C-contiguous view of a (a copy if a is
# strided); _sum_zero(a) is 0 in the type np.sum(a) returns (int64 for
# signed integers and bools, uint64 for unsigned, the dtype for floats);
# _dtype_of(x) is the dtype object of x's element type.
import math

import numpy as np
from numba import prange


# prange: these run on threads when the calling kernel has parallel=True
# (a prelude function inherits its caller's parallel and fastmath options).
def sum(a):
    v = _flat(a)
    s = _sum_zero(v)
    for i in prange(v.shape[0]):
        s += v[i]
    return s


def prod(a):
    v = _flat(a)
    p = _sum_zero(v) + 1
    for i in prange(v.shape[0]):
        p *= v[i]
    return p


def mean(a):
    v = _flat(a)
    s = _sum_zero(v)
    for i in prange(v.shape[0]):
        s += v[i]
    # float32 data keeps a float32 mean, integers give float64 (as Numba)
    return s / _dtype_of(s)(v.shape[0])


def amin(a):
    v = _flat(a)
    if v.shape[0] == 0:
        raise ValueError("zero-size array to reduction operation minimum which has no identity")
    m = v[0]
    for i in range(1, v.shape[0]):
        x = v[i]
        if math.isnan(x):
            return x
        if x < m:
            m = x
    return m


def amax(a):
    v = _flat(a)
    if v.shape[0] == 0:
        raise ValueError("zero-size array to reduction operation maximum which has no identity")
    m = v[0]
    for i in range(1, v.shape[0]):
        x = v[i]
        if math.isnan(x):
            return x
        if x > m:
            m = x
    return m


def argmin(a):
    v = _flat(a)
    if v.shape[0] == 0:
        raise ValueError("attempt to get argmin of an empty sequence")
    k = 0
    m = v[0]
    if math.isnan(m):
        return 0
    for i in range(1, v.shape[0]):
        x = v[i]
        if math.isnan(x):
            return i
        if x < m:
            m = x
            k = i
    return k


def argmax(a):
    v = _flat(a)
    if v.shape[0] == 0:
        raise ValueError("attempt to get argmax of an empty sequence")
    k = 0
    m = v[0]
    if math.isnan(m):
        return 0
    for i in range(1, v.shape[0]):
        x = v[i]
        if math.isnan(x):
            return i
        if x > m:
            m = x
            k = i
    return k


def cumsum(a):
    v = _flat(a)
    s = _sum_zero(v)
    out = np.empty(v.shape[0], _dtype_of(s))
    for i in range(v.shape[0]):
        s += v[i]
        out[i] = s
    return out


def all(a):
    v = _flat(a)
    for i in range(v.shape[0]):
        if not v[i]:
            return False
    return True


def any(a):
    v = _flat(a)
    for i in range(v.shape[0]):
        if v[i]:
            return True
    return False


def copy(a):
    out = np.empty(a.shape, a.dtype)
    out[:] = a
    return out


def copy_flat(a):
    v = _flat(a)
    out = np.empty(v.shape[0], a.dtype)
    out[:] = v
    return out


def ravel(a):
    return _flat(a)


def astype(a, dtype):
    out = np.empty(a.shape, dtype)
    out[:] = a
    return out


def zeros_like(a):
    return np.zeros(a.shape, a.dtype)


def ones_like(a):
    return np.ones(a.shape, a.dtype)


def empty_like(a):
    return np.empty(a.shape, a.dtype)


def full_like(a, value):
    return np.full(a.shape, value, a.dtype)


def arange_0(stop):
    return arange_0_0_0(0, stop, 1)


def arange_0_0(start, stop):
    return arange_0_0_0(start, stop, 1)


def arange_0_0_0(start, stop, step):
    if step == 0:
        raise ValueError("arange: step cannot be zero")
    n = int(math.ceil((stop - start) / step))
    if n < 0:
        n = 0
    out = np.empty(n, _dtype_of(start + stop + step))
    for i in range(n):
        out[i] = start + i * step
    return out


def linspace(start, stop, num=50):
    if num < 0:
        raise ValueError("Number of samples, -1, must be non-negative.")
    out = np.empty(num)
    if num == 1:
        out[0] = start
        return out
    step = (stop - start) / (num - 1)
    for i in range(num):
        out[i] = start + i * step
    if num > 1:
        out[num - 1] = stop
    return out


def dot_1_1(a, b):
    n = a.shape[0]
    if b.shape[0] != n:
        raise ValueError("shapes not aligned for dot")
    s = _sum_zero(a) + _sum_zero(b)
    for i in range(n):
        s += a[i] * b[i]
    return s


def dot_2_1(a, x):
    m, n = a.shape
    if x.shape[0] != n:
        raise ValueError("shapes not aligned for dot")
    z = _sum_zero(a) + _sum_zero(x)
    out = np.empty(m, _dtype_of(z))
    for i in range(m):
        s = z
        for k in range(n):
            s += a[i, k] * x[k]
        out[i] = s
    return out


def dot_2_2(a, b):
    m, n = a.shape
    n2, p = b.shape
    if n2 != n:
        raise ValueError("shapes not aligned for dot")
    z = _sum_zero(a) + _sum_zero(b)
    out = np.zeros((m, p), _dtype_of(z))
    for i in range(m):
        for k in range(n):
            aik = a[i, k]
            for j in range(p):
                out[i, j] += aik * b[k, j]
    return out


def _insertion(v, lo, hi):
    for i in range(lo + 1, hi + 1):
        x = v[i]
        j = i - 1
        while j >= lo and v[j] > x:
            v[j + 1] = v[j]
            j -= 1
        v[j + 1] = x


def _quicksort(v, lo, hi):
    while hi - lo > 16:
        mid = (lo + hi) // 2
        if v[mid] < v[lo]:
            v[mid], v[lo] = v[lo], v[mid]
        if v[hi] < v[lo]:
            v[hi], v[lo] = v[lo], v[hi]
        if v[hi] < v[mid]:
            v[hi], v[mid] = v[mid], v[hi]
        pivot = v[mid]
        i = lo
        j = hi
        while i <= j:
            while v[i] < pivot:
                i += 1
            while v[j] > pivot:
                j -= 1
            if i <= j:
                v[i], v[j] = v[j], v[i]
                i += 1
                j -= 1
        # recurse into the smaller side, loop on the larger: O(log n) depth
        if j - lo < hi - i:
            _quicksort(v, lo, j)
            lo = i
        else:
            _quicksort(v, i, hi)
            hi = j
    _insertion(v, lo, hi)


def sort_inplace_1(a):
    _quicksort(a, 0, a.shape[0] - 1)


def sort_1(a):
    out = copy_flat(a)
    _quicksort(out, 0, out.shape[0] - 1)
    return out


# ---- element-wise functions by name: arrays and scalars alike ----


def degrees(x):
    return x * (180.0 / math.pi)


def radians(x):
    return x * (math.pi / 180.0)


def logical_and(a, b):
    return (a != 0) & (b != 0)


def logical_or(a, b):
    return (a != 0) | (b != 0)


def logical_xor(a, b):
    return (a != 0) ^ (b != 0)


def logical_not(a):
    return a == 0


def negative(a):
    return -a


def positive(a):
    return +a


def square(a):
    return a * a


def reciprocal(a):
    return 1.0 / a


def add(a, b):
    return a + b


def subtract(a, b):
    return a - b


def multiply(a, b):
    return a * b


def divide(a, b):
    return a / b


def dot_1_2(x, b):
    n, p = b.shape
    if x.shape[0] != n:
        raise ValueError("shapes not aligned for dot")
    z = _sum_zero(x) + _sum_zero(b)
    out = np.zeros(p, _dtype_of(z))
    for k in range(n):
        xk = x[k]
        for j in range(p):
            out[j] += xk * b[k, j]
    return out


def round_ndigits(x, ndigits):
    # round(x, n) for floats, as Numba computes it (CPython's classic
    # algorithm: scale, round half to even, scale back)
    if math.isinf(x) or math.isnan(x):
        return x
    if ndigits >= 0:
        if ndigits > 22:
            pow1 = 10.0 ** (ndigits - 22)
            pow2 = 1e22
        else:
            pow1 = 10.0 ** ndigits
            pow2 = 1.0
        y = (x * pow1) * pow2
        if math.isinf(y):
            return x
    else:
        pow1 = 10.0 ** (-ndigits)
        pow2 = 1.0
        y = x / pow1
    z = float(round(y))
    if math.fabs(y - z) == 0.5:
        z = 2.0 * round(y / 2.0)
    if ndigits >= 0:
        z = (z / pow2) / pow1
    else:
        z *= pow1
    return z


def round_int(x, ndigits):
    # round(n, ndigits) of an integer, halves to even; a float, as in Numba
    if ndigits >= 0:
        return float(x)
    p = 10 ** (-ndigits)
    q = x // p
    r = x - q * p
    if 2 * r > p or (2 * r == p and q % 2 == 1):
        q += 1
    return float(q * p)
