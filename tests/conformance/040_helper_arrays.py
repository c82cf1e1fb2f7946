# Arrays passed to helpers are shared by reference; helpers can fill and return arrays
import numpy as np
from numba import njit


@njit
def fill(a, v):
    for i in range(a.shape[0]):
        a[i] = v * i


@njit
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


@njit
def make(n):
    out = np.empty(n)
    for i in range(n):
        out[i] = i * i
    return out


@njit
def main():
    a = np.zeros(5)
    fill(a, 1.5)
    print(a, total(a))
    b = make(6)
    print(b, total(b))
    fill(b, 2)
    return b
