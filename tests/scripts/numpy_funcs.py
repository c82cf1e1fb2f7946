import numpy as np
from numba import njit


@njit
def main():
    a = np.arange(10) * 0.5
    m = np.arange(12).reshape((3, 4))
    print(a, m)
    print(np.sum(a), a.sum(), m.sum(), np.mean(a), np.min(a), a.max(), np.argmin(a), m.argmax())
    print(np.prod(np.arange(1, 6)), np.cumsum(np.arange(5)), np.all(a >= 0), np.any(a > 100))
    b = np.array([3.0, 1.0, 2.0, -5.0, 4.5])
    print(np.sort(b), b)
    b.sort()
    print(b, np.linspace(0.0, 1.0, 5), np.arange(2, 11, 3), np.arange(0.0, 1.0, 0.25))
    v = np.ones(4)
    print(m.T.shape)
    c = m.copy()
    c[0, 0] = 99
    print(m[0, 0], c[0, 0], m.astype(np.float32), np.zeros_like(a).shape, np.full_like(v, 7.0))
    print(np.array([[1, 2], [3, 4]]), np.array([1.5, 2, 3]), m.ravel(), m.T.copy().ravel())
    return a[1]
