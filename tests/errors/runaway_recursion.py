# args: down 100000000
# raises: 7: RecursionError: maximum recursion depth exceeded
from numba import njit


@njit
def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1
