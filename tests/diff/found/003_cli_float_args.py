# args: 1_0.5 0_7
# Divergence found by tests/diff (seed 9, programs 35, 101, ...).
# Status: fixed in commit 0895362 (jit now prints CPython's output); kept as a regression test.
# `jit run` rejects float arguments that contain underscores, which tests/oracle.py (and
# Python's float()) accept: "1_0.5" is 10.5 and "0_7" is 7.0 (int("0_7", 0) fails, float()
# reads it). Integers with underscores ("1_000", "0x_1f") are accepted. Related: an argument with
# surrounding blanks ("5 ") is 5 for Python's int(), an error for jit run.
#
# CPython (python3 tests/oracle.py 003_cli_float_args.py 1_0.5 0_7):
#   (10.5, 7.0)
# jit (build/jit run 003_cli_float_args.py 1_0.5 0_7):
#   jit: error: bad argument '1_0.5': expected an int, a float, True/False or a .npy file
from numba import njit


@njit
def main(x, y):
    return x, y
