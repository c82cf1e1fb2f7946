# A variable re-assigned with another type in straight-line code keeps each
# assignment's own type (Numba types each SSA version separately); joins at
# branches and loops are unified
from numba import njit


@njit
def main():
    x = 1
    print(x)
    x = 2.5
    print(x)
    y = 3
    print(y * 2)
    y = y / 2
    print(y)
    for i in range(2):
        z = i
        print(z)
    z = 0.5
    print(z)
    return x
