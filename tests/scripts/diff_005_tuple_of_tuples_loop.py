# Found by hand while probing new features next to the generator (not generated: loops over
# tuples are outside the core subset). A loop over a tuple of equal tuples does not compile,
# with a wrong message: the elements are all UniTuple(int64 x 2), yet jit says they differ in
# type; every use of the loop variables then gets a second, spurious error ("used before it is
# assigned"; in a bigger script also "slicing is not supported yet" on valid slices).
#
# CPython and Numba: 42
# jit:
#   005_tuple_of_tuples_loop.py:19:5: error: UniTuple(UniTuple(int64 x 2) x 3) can only be indexed
#     by a constant integer (its elements differ in type)
#   005_tuple_of_tuples_loop.py:20:14: error: local variable 'a' is used before it is assigned
#   ... (same for b, and for the second loop)
from numba import njit


@njit
def main():
    s = 0
    for a, b in ((1, 2), (3, 4), (5, 6)):
        s += a * b
    for p in ((1, 2), (3, 4)):
        s += p[0] - p[1]
    return s
