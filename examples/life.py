# Conway's Game of Life with the rule written as a @stencil, after Jake
# VanderPlas, "Conway's Game of Life in Python" (2013), whose NumPy version
# counts the neighbours with np.roll; here the stencil reads them by relative
# index. Cells beyond the edge are dead (the stencil's border, cval=0),
# where VanderPlas' np.roll wraps around.
#
#   jit run examples/life.py          (python3 tests/oracle.py gives the same)
import numpy as np
from numba import njit, stencil


@stencil
def life_rule(X):
    n = X[-1, -1] + X[-1, 0] + X[-1, 1] + X[0, -1] + X[0, 1] + X[1, -1] + X[1, 0] + X[1, 1]
    return 1 if n == 3 or (n == 2 and X[0, 0] == 1) else 0


@njit
def life(X, steps):
    for _ in range(steps):
        X = life_rule(X)
    return X


@njit(parallel=True)
def life_parallel(X, steps):
    # inside parallel code the stencil's outer loop is a prange
    for _ in range(steps):
        X = life_rule(X)
    return X


@njit
def glider(n):
    # one cell in from the edge: the border cells always hold cval
    X = np.zeros((n, n), dtype=np.int64)
    X[1, 2] = 1
    X[2, 3] = 1
    X[3, 1] = 1
    X[3, 2] = 1
    X[3, 3] = 1
    return X


@njit
def main():
    # a glider moves one cell down and one right every 4 generations
    X = glider(10)
    print(X)
    Y = life(X, 4)
    print(Y)
    shifted = np.zeros_like(X)
    shifted[1:, 1:] = X[:-1, :-1]
    print("glider after 4 steps = shifted by (1, 1):", np.all(Y == shifted))
    Z = life(X, 8)
    print("after 8 steps, by (2, 2):", np.all(Z[2:, 2:] == X[:-2, :-2]), Z.sum())

    # the R-pentomino on a 64 x 64 board: population every 50 generations
    B = np.zeros((64, 64), dtype=np.int64)
    B[31, 32] = 1
    B[31, 33] = 1
    B[32, 31] = 1
    B[32, 32] = 1
    B[33, 32] = 1
    for gen in range(4):
        B = life(B, 50)
        print("generation", (gen + 1) * 50, "population", B.sum())
    P = life_parallel(glider(10), 8)
    print("parallel agrees:", np.all(P == Z))
