# Fault-injection input (tests/limits.sh): NumPy prelude functions, tuples,
# a helper specialized twice.
import numpy as np


def pick(a, k):
    return a[k]


def main():
    a = np.linspace(0.0, 5.0, 11)
    b = np.cumsum(np.ones(4, np.int64))
    return np.argmax(b), pick(a, 5) + pick(np.zeros(1, np.int64), 0)
