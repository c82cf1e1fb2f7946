# math.floor/ceil/trunc return ints; isnan/isinf/isfinite; fmod
import math
from numba import njit


@njit
def main():
    print(math.floor(2.5), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.9), math.trunc(2.9))
    print(math.floor(7), math.ceil(-7), math.floor(2.5) + 1)
    print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e308))
    print(math.isfinite(1.0), math.isfinite(math.inf), math.isfinite(math.nan))
    n = 0
    for i in range(10):
        n += math.floor(i / 3) + math.ceil(i / 4)
    return n
