"""Mandelbrot set: escape-time iteration counts over a grid (scalar loops).

    jit run examples/mandelbrot.py              total iterations over 300x200
    jit run examples/mandelbrot.py render 60 24 an ASCII picture
"""
from numba import njit

MAX_ITER = 200


@njit
def escape(cr, ci, max_iter):
    zr = 0.0
    zi = 0.0
    for k in range(max_iter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return k
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return max_iter


@njit
def total(width, height):
    s = 0
    for y in range(height):
        ci = -1.2 + 2.4 * y / height
        for x in range(width):
            cr = -2.1 + 3.0 * x / width
            s += escape(cr, ci, MAX_ITER)
    return s


@njit
def render(width, height):
    for y in range(height):
        line = 0
        for x in range(width):
            k = escape(-2.1 + 3.0 * x / width, -1.2 + 2.4 * y / height, MAX_ITER)
            if k == MAX_ITER:
                line += 1
        print(y, line)


@njit
def main():
    n = total(300, 200)
    print("iterations:", n)
    print("inside points in row 100:", escape(-0.5, 0.0, MAX_ITER) == MAX_ITER)
    return n


if __name__ == "__main__":
    print(main())
