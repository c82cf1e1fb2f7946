"""blackscholes: European call and put prices of 2^20 float32 options, fastmath=True.

Measures a float32 loop dominated by math calls (log, exp, sqrt, and erf in the
cumulative normal distribution): vectorizes only with a vector math library.
One repetition = pricing every option once.

    jit run bench/kernels/blackscholes.py bench REPS
    python3 bench/kernels/blackscholes.py REPS
"""
import math
import sys

import numpy as np
from numba import njit

N = 1 << 20
HALF = np.float32(0.5)
ONE = np.float32(1.0)
RSQRT2 = np.float32(0.7071067811865476)


@njit(fastmath=True)
def cnd(d):
    # cumulative normal distribution
    return HALF * (ONE + math.erf(d * RSQRT2))


@njit(fastmath=True)
def blackscholes(call, put, price, strike, years, rate, vol):
    for i in range(price.shape[0]):
        s = price[i]
        k = strike[i]
        t = years[i]
        sqt = math.sqrt(t)
        d1 = (math.log(s / k) + (rate + HALF * vol * vol) * t) / (vol * sqt)
        d2 = d1 - vol * sqt
        ert = k * math.exp(-rate * t)
        c1 = cnd(d1)
        c2 = cnd(d2)
        call[i] = s * c1 - ert * c2
        put[i] = ert * (ONE - c2) - s * (ONE - c1)


@njit
def bench(reps):
    price = np.empty(N, dtype=np.float32)
    strike = np.empty(N, dtype=np.float32)
    years = np.empty(N, dtype=np.float32)
    call = np.zeros(N, dtype=np.float32)
    put = np.zeros(N, dtype=np.float32)
    for i in range(N):                      # spot 5..35, strike 1..100, 0.25..10 years
        price[i] = np.float32(5.0 + (i % 301) * 0.1)
        strike[i] = np.float32(1.0 + ((i * 7) % 991) * 0.1)
        years[i] = np.float32(0.25 + ((i * 13) % 976) * 0.01)
    chk = 0.0
    for r in range(reps):
        blackscholes(call, put, price, strike, years, np.float32(0.02), np.float32(0.30))
        chk += call[(r * 7919) % N]
    for i in range(N):
        chk += call[i] + put[i]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
