# for ... else and while ... else
from numba import njit


@njit
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    else:
        return True
    return True


@njit
def find(n, target):
    i = 0
    while i < n:
        if i * i == target:
            break
        i += 1
    else:
        return -1
    return i


@njit
def main():
    c = 0
    for n in range(50):
        if is_prime(n):
            c += 1
    print(c, is_prime(97), is_prime(91))
    print(find(10, 49), find(10, 50))
    k = 0
    for i in range(3):
        k += 1
    else:
        k += 100
    return k
