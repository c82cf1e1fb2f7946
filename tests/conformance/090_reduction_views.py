# Reductions over views and expressions
import numpy as np
from numba import njit


@njit
def main():
    m = np.zeros((4, 5))
    for i in range(4):
        for j in range(5):
            m[i, j] = (i * 5 + j) * 0.5
    print(m[1:3].sum(), m[:, 1].max(), m[::2, ::-1].min(), m.T.argmax(), np.sum(m[2]))
    print((m * 2).sum(), np.max(m - 10), np.sum(m > 3.0), (m[0] + m[1]).mean())
    col_sums = np.zeros(5)
    for j in range(5):
        col_sums[j] = m[:, j].sum()
    return col_sums
