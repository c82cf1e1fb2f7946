# error: 9:13: 'break' out of a prange loop is not supported
from numba import njit, prange


@njit(parallel=True)
def f(n):
    for i in prange(n):
        if i == 3:
            break
        for j in range(n):
            if j > i:
                break
    return 0


def main():
    return f(10)
