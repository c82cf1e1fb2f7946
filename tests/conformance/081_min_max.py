# np.min / np.max and a.min() / a.max() on ints, floats, 2-D and views
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(7)
    for i in range(7):
        a[i] = (i * 5 % 7) - 3.5
    print(np.min(a), np.max(a), a.min(), a.max())
    n = np.zeros(5, dtype=np.int64)
    for i in range(5):
        n[i] = (i - 2) * (i - 2) * (1 - 2 * (i % 2))
    print(np.min(n), np.max(n), n.min(), n.max())
    m = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            m[i, j] = (i * 3 + j * 7) % 10
    print(m.min(), m.max(), m[1:, 1:].min(), np.max(m[:, 0]))
    u = np.zeros(3, dtype=np.uint8)
    u[0] = 200
    u[2] = 7
    return (u.max(), u.min(), np.max(a[::2]))
