from numba import njit


@njit
def pick(a, b):
    return a or b


@njit
def main():
    a = 3
    b = 0
    print(a and b, a or b, b or a, b and a, not a, not b)
    print(1 < a < 5, 1 < a < 2, a > b > -1, a == 3 != b)
    x = 2.5 if a > 2 else -1.0
    y = a if b else 10
    print(x, y, pick(0, 7), pick(4, 7), pick(0.0, 1.5))
    s = 0
    for i in range(20):
        if (i % 3 == 0 and i % 2 == 0) or i == 7:
            s += i
    return s
