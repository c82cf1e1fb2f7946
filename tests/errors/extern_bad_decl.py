# error: 5:5: ExternalFunction takes the C symbol's name and its signature: ExternalFunction("name", float64(float64))
from numba import njit, types


c = types.ExternalFunction("cos")


@njit
def main():
    return c(1.0)
