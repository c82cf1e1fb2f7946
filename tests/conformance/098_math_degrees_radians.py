# math.degrees and math.radians
import math
from numba import njit


@njit
def main():
    print(math.degrees(math.pi), math.degrees(1.0), math.radians(180.0), math.radians(45))
    return math.degrees(math.radians(30.0))
