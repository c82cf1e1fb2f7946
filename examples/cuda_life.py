"""Conway's game of life on a torus, one thread per cell on a 2-D grid of
2-D blocks; each generation is one launch. Checked against the same rule
on the CPU.

    jit run examples/cuda_life.py               on the GPU
    jit run --cuda-sim examples/cuda_life.py    on the CPU simulator
"""
import numpy as np
from numba import cuda, njit

H = 48
W = 64
STEPS = 40


@cuda.jit(device=True)
def next_state(board, i, j):
    h, w = board.shape
    n = 0
    for di in range(-1, 2):
        for dj in range(-1, 2):
            if di != 0 or dj != 0:
                n += board[(i + di) % h, (j + dj) % w]
    alive = board[i, j]
    if alive == 1 and (n == 2 or n == 3):
        return 1
    if alive == 0 and n == 3:
        return 1
    return 0


@cuda.jit
def step(board, out):
    i, j = cuda.grid(2)
    if i < board.shape[0] and j < board.shape[1]:
        out[i, j] = next_state(board, i, j)


@njit
def step_cpu(board, out):
    h, w = board.shape
    for i in range(h):
        for j in range(w):
            n = 0
            for di in range(-1, 2):
                for dj in range(-1, 2):
                    if di != 0 or dj != 0:
                        n += board[(i + di) % h, (j + dj) % w]
            a = board[i, j]
            out[i, j] = 1 if (a == 1 and (n == 2 or n == 3)) or (a == 0 and n == 3) else 0


@njit
def seed(board):
    # a glider, an R-pentomino and a blinker
    board[1, 2] = 1
    board[2, 3] = 1
    board[3, 1] = 1
    board[3, 2] = 1
    board[3, 3] = 1
    board[20, 31] = 1
    board[20, 32] = 1
    board[21, 30] = 1
    board[21, 31] = 1
    board[22, 31] = 1
    board[40, 50] = 1
    board[40, 51] = 1
    board[40, 52] = 1


def main():
    a = np.zeros((H, W), dtype=np.int64)
    seed(a)
    b = np.zeros((H, W), dtype=np.int64)
    ca = a.copy()
    cb = np.zeros((H, W), dtype=np.int64)
    threads = (8, 16)
    blocks = ((H + 7) // 8, (W + 15) // 16)
    for s in range(STEPS):
        step[blocks, threads](a, b)
        a, b = b, a
        step_cpu(ca, cb)
        ca, cb = cb, ca
    print("generations:", STEPS)
    print("alive cells:", a.sum())
    print("same as the CPU:", (a == ca).all())
    for i in range(16, 26):
        print(a[i, 24:44])
