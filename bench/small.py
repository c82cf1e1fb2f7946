# The small kernel of the start-up measurements (bench/startup.sh,
# tools/startup_order.sh): a loop that compiles in a few milliseconds.
from numba import njit


@njit(cache=True)
def main():
    s = 0
    for i in range(1000):
        s += i * i
    return s
