#!/usr/bin/env python3
"""Compares the output of `jit run` with the expected output of the oracle.

    python3 tests/conformance/compare.py EXPECTED ACTUAL

Exit status 0 when they match: the same lines, the same text between numbers,
integer tokens identical, and float tokens (those with a '.', an exponent, or
inf/nan) equal within a relative 1e-9. Otherwise prints the first difference
and exits 1.
"""
import math
import re
import sys

REL = 1e-9
NUM = re.compile(
    r"(?<![\w.])([-+]?(?:\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?"
    r"|\d+[eE][-+]?\d+|\d+|inf|nan))(?![\w.])"
)


def is_float(tok):
    t = tok.lstrip("+-")
    return t in ("inf", "nan") or "." in t or "e" in t or "E" in t


def same_number(a, b):
    if a == b:
        return True
    if not (is_float(a) and is_float(b)):
        return False
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= REL * max(abs(x), abs(y))


def same_line(e, a):
    pe, pa = NUM.split(e), NUM.split(a)
    if len(pe) != len(pa):
        return False
    for i, (x, y) in enumerate(zip(pe, pa)):
        if i % 2 == 0:
            if x != y:
                return False
        elif not same_number(x, y):
            return False
    return True


def main():
    with open(sys.argv[1]) as f:
        exp = f.read().split("\n")
    with open(sys.argv[2]) as f:
        act = f.read().split("\n")
    if len(exp) != len(act):
        print(f"expected {len(exp) - 1} lines, got {len(act) - 1}")
        return 1
    for n, (e, a) in enumerate(zip(exp, act), 1):
        if not same_line(e, a):
            print(f"line {n} differs")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
