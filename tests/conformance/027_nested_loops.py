# Nested loops, break out of the inner loop only, triangular iteration
from numba import njit


@njit
def main():
    s = 0
    for i in range(10):
        for j in range(i):
            s += i * j
    print(s)
    pairs = 0
    for i in range(1, 20):
        for j in range(1, 20):
            if i * j > 50:
                break
            pairs += 1
    print(pairs)
    c = 0
    for i in range(5):
        for j in range(5):
            for k in range(5):
                if (i + j + k) % 4 == 0:
                    continue
                c += 1
    print(c)
    n = 0
    i = 0
    while i < 4:
        for j in range(i, 8, 2):
            n += j
        i += 1
    return n
