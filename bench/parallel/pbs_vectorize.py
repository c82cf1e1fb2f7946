"""pbs_vectorize: blackscholes as target='parallel' @vectorize ufuncs (see bench/kernels/bs_vectorize_par.py).

2^20 float32 options per repetition through two parallel ufuncs writing into
output arrays; the outer loop of each is split across threads. The checksum
is rounded to the digits on which the erf/exp of libjit (libmvec) and of
Numba agree.
    jit run bench/parallel/pbs_vectorize.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/pbs_vectorize.py REPS
"""
import math
import sys

import numpy as np
from numba import njit, vectorize

N = 1 << 20


@vectorize(["float32(float32, float32, float32, float32, float32)"], target="parallel", fastmath=True)
def bs_call(s, k, t, rate, vol):
    sqt = math.sqrt(t)
    d1 = (math.log(s / k) + (rate + np.float32(0.5) * vol * vol) * t) / (vol * sqt)
    d2 = d1 - vol * sqt
    c1 = np.float32(0.5) * (np.float32(1.0) + math.erf(d1 * np.float32(0.7071067811865476)))
    c2 = np.float32(0.5) * (np.float32(1.0) + math.erf(d2 * np.float32(0.7071067811865476)))
    return s * c1 - k * math.exp(-rate * t) * c2


@vectorize(["float32(float32, float32, float32, float32, float32)"], target="parallel", fastmath=True)
def bs_put(call, s, k, t, rate):
    # put-call parity: put = call - s + k e^(-rt)
    return call - s + k * math.exp(-rate * t)


@njit
def inputs():
    price = np.empty(N, dtype=np.float32)
    strike = np.empty(N, dtype=np.float32)
    years = np.empty(N, dtype=np.float32)
    for i in range(N):                      # spot 5..35, strike 1..100, 0.25..10 years
        price[i] = np.float32(5.0 + (i % 301) * 0.1)
        strike[i] = np.float32(1.0 + ((i * 7) % 991) * 0.1)
        years[i] = np.float32(0.25 + ((i * 13) % 976) * 0.01)
    return price, strike, years


@njit
def total(call, put, chk):
    for i in range(N):
        chk += call[i] + put[i]
    return chk


def bench(reps):
    price, strike, years = inputs()
    call = np.zeros(N, dtype=np.float32)
    put = np.zeros(N, dtype=np.float32)
    rate = np.float32(0.02)
    vol = np.float32(0.30)
    chk = 0.0
    for r in range(reps):
        bs_call(price, strike, years, rate, vol, call)
        bs_put(call, price, strike, years, rate, put)
        chk += float(call[(r * 7919) % N])
    # the digits that libm and libmvec's erf/exp agree on
    return round(total(call, put, chk) / 1000.0)


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
