# math module: roots, exponentials, logs, trigonometry
import math
from numba import njit


@njit
def main():
    print(math.sqrt(2.0), math.sqrt(16), math.exp(1.0), math.exp(0), math.log(10.0), math.log(1.0))
    print(math.log10(1000.0), math.log2(8.0), math.log1p(0.5), math.expm1(0.5))
    print(math.sin(0.5), math.cos(0.5), math.tan(0.5), math.asin(0.5), math.acos(0.5), math.atan(0.5))
    print(math.atan2(1.0, -1.0), math.atan2(-1.0, -1.0), math.hypot(3.0, 4.0))
    print(math.sinh(1.0), math.cosh(1.0), math.tanh(0.5), math.pow(2.0, 0.5), math.pow(2, 10))
    print(math.fabs(-3.5), math.copysign(2.0, -0.0))
    x = 0.0
    for i in range(1, 6):
        x += math.sqrt(i) * math.sin(i)
    return x
