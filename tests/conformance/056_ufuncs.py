# NumPy ufuncs on arrays and scalars
import numpy as np
from numba import njit


@njit
def main():
    a = np.zeros(5)
    for i in range(5):
        a[i] = i * 0.25
    print(np.sqrt(a))
    print(np.exp(a))
    print(np.log(a + 1))
    print(np.sin(a), np.cos(a))
    print(np.abs(a - 0.5), np.floor(a * 3), np.ceil(a * 3), -a)
    print(np.sqrt(2.0), np.exp(1.0), np.floor(-2.5), np.abs(-3))
    m = np.ones((2, 2)) * 4.0
    print(np.sqrt(m))
    return np.tanh(a)
