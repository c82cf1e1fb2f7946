from numba import njit


@njit
def classify(n):
    if n < 0:
        return -1
    elif n == 0:
        return 0
    elif n < 10:
        return 1
    else:
        return 2


@njit
def main():
    s = 0
    for i in range(10):
        if i == 7:
            break
        if i % 2 == 0:
            continue
        s += i
    print(s, i)
    t = 0
    for j in range(10, 0, -3):
        t = t * 10 + j
    print(t, j)
    for k in range(5, 5):
        t = -1
    print(t)
    n = 0
    while n < 100:
        n = n * 2 + 1
    print(n)
    print(classify(-5), classify(0), classify(3), classify(42))
    c = 0
    for a in range(3):
        for b in range(4):
            if b > a:
                break
            c += 1
    return c
