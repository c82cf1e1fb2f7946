from numba import njit


@njit
def find(n, k):
    for i in range(n):
        if i == k:
            break
    else:
        return -1
    return i


@njit
def main():
    j = 0
    while j < 3:
        j += 1
    else:
        j += 100
    w = 0
    while w < 10:
        w += 1
        if w == 4:
            break
    else:
        w = -1
    print(find(10, 3), find(10, 30), j, w)
    return j
