import math
from numba import njit


@njit
def main():
    x = 0.7
    print(math.sqrt(2.0), math.exp(1.0), math.log(10.0), math.log2(8.0), math.log10(1000.0))
    print(math.sin(x), math.cos(x), math.tan(x), math.asin(0.5), math.acos(0.5), math.atan(1.0))
    print(math.atan2(1.0, -1.0), math.sinh(x), math.cosh(x), math.tanh(x))
    print(math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3.0), math.pow(2.0, 0.5))
    print(math.hypot(3.0, 4.0), math.copysign(2.0, -0.0), math.isnan(math.nan), math.isinf(-math.inf))
    print(math.isfinite(1.0), math.isfinite(math.inf), math.pi, math.e, math.sqrt(16))
    print(math.floor(7), math.exp(0), math.expm1(1e-10), math.log1p(1e-10))
    return math.sqrt(x * x + 1.0)
