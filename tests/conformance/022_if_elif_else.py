# if/elif/else chains and nested ifs
from numba import njit


@njit
def classify(x):
    if x < 0:
        return -1
    elif x == 0:
        return 0
    elif x < 10:
        return 1
    elif x < 100:
        return 2
    else:
        return 3


@njit
def main():
    print(classify(-5), classify(0), classify(7), classify(42), classify(1000))
    s = 0
    for i in range(30):
        if i % 2 == 0:
            if i % 3 == 0:
                s += 100
            else:
                s += 1
        elif i % 5 == 0:
            s -= 10
        else:
            pass
    print(s)
    y = 0.0
    if s:
        y = 1.5
    if not s:
        y = -1.5
    return y
