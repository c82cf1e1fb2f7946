"""nbody: direct-sum gravity of 512 float64 bodies (softened), fastmath=True.

Measures an O(n^2) inner loop with sqrt and division and three reductions
(vectorizable with reassociation), arrays in structure-of-arrays form.
One repetition = one time step (forces, then a symplectic Euler update).

    jit run bench/kernels/nbody.py bench REPS
    python3 bench/kernels/nbody.py REPS
"""
import math
import sys

import numpy as np
from numba import njit

N = 512
DT = 0.001
EPS2 = 0.01         # softening, squared


@njit(fastmath=True)
def step(x, y, z, vx, vy, vz, m, dt):
    n = x.shape[0]
    for i in range(n):
        xi = x[i]
        yi = y[i]
        zi = z[i]
        ax = 0.0
        ay = 0.0
        az = 0.0
        for j in range(n):
            dx = x[j] - xi
            dy = y[j] - yi
            dz = z[j] - zi
            r2 = dx * dx + dy * dy + dz * dz + EPS2
            f = m[j] / (r2 * math.sqrt(r2))
            ax += f * dx
            ay += f * dy
            az += f * dz
        vx[i] += dt * ax
        vy[i] += dt * ay
        vz[i] += dt * az
    for i in range(n):
        x[i] += dt * vx[i]
        y[i] += dt * vy[i]
        z[i] += dt * vz[i]


@njit
def bench(reps):
    x = np.empty(N)
    y = np.empty(N)
    z = np.empty(N)
    vx = np.zeros(N)
    vy = np.zeros(N)
    vz = np.zeros(N)
    m = np.full(N, 1.0 / N)
    s = 4242
    for i in range(N):                      # positions in the unit cube (LCG)
        s = (s * 1103515245 + 12345) % 2147483648
        x[i] = s / 2147483648.0 * 2.0 - 1.0
        s = (s * 1103515245 + 12345) % 2147483648
        y[i] = s / 2147483648.0 * 2.0 - 1.0
        s = (s * 1103515245 + 12345) % 2147483648
        z[i] = s / 2147483648.0 * 2.0 - 1.0
        vx[i] = 0.1 * y[i]                  # slow rotation about z
        vy[i] = -0.1 * x[i]
    for r in range(reps):
        step(x, y, z, vx, vy, vz, m, DT)
    chk = 0.0                               # kinetic energy + centre-weighted positions
    for i in range(N):
        chk += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i])
        chk += x[i] * x[i] + y[i] * y[i] + z[i] * z[i]
    return chk


if __name__ == "__main__":
    print(bench(int(sys.argv[1])))
