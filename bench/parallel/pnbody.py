"""pnbody: gravitational accelerations of 2048 bodies, O(n^2), bodies in a prange (fastmath).

One repetition = all accelerations, then a position update.
    jit run bench/parallel/pnbody.py bench REPS --threads T
    NUMBA_NUM_THREADS=T python3 bench/parallel/pnbody.py REPS
"""
import sys

import numpy as np
from numba import njit, prange

N = 2048


@njit(parallel=True, fastmath=True)
def forces(pos, mass, acc):
    n = pos.shape[0]
    for i in prange(n):
        ax = 0.0
        ay = 0.0
        az = 0.0
        for j in range(n):
            dx = pos[j, 0] - pos[i, 0]
            dy = pos[j, 1] - pos[i, 1]
            dz = pos[j, 2] - pos[i, 2]
            d2 = dx * dx + dy * dy + dz * dz + 1e-3
            inv = mass[j] / (d2 * np.sqrt(d2))
            ax += dx * inv
            ay += dy * inv
            az += dz * inv
        acc[i, 0] = ax
        acc[i, 1] = ay
        acc[i, 2] = az


@njit
def bench(reps):
    pos = np.empty((N, 3))
    mass = np.empty(N)
    for i in range(N):
        pos[i, 0] = ((i * 7919) % 1000) / 1000.0
        pos[i, 1] = ((i * 104729) % 1000) / 1000.0
        pos[i, 2] = ((i * 1299709) % 1000) / 1000.0
        mass[i] = 1.0 + (i % 7) / 7.0
    acc = np.zeros((N, 3))
    for r in range(reps):
        forces(pos, mass, acc)
        for i in range(N):
            for d in range(3):
                pos[i, d] += 1e-7 * acc[i, d]
    chk = 0.0
    for i in range(N):
        chk += pos[i, 0] + pos[i, 1] + pos[i, 2]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
