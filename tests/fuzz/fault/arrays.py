import numpy as np

def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s

def main():
    a = np.arange(10.0)
    b = a * 2.0 + 1.0
    print(total(b), b[1:3])
    return 0
