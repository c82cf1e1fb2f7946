#!/usr/bin/env python3
"""Runs a kernel script the way `jit run` does, under CPython + Numba.

    python3 tests/oracle.py FILE.py [FUNC] [ARG...]

Imports FILE.py as a module (its __main__ block does not run), calls FUNC
(default main) with the arguments parsed as jit run parses them, and prints
the result unless it is None. Its output is the expected output of script
tests; tests/regen.sh rewrites the .out files from it.
"""
import importlib.util
import re
import sys

import numpy as np


def parse(a):
    if a in ("True", "False"):
        return a == "True"
    if a.endswith(".npy"):
        return np.load(a)
    try:
        return int(a, 0)
    except ValueError:
        return float(a)


def main():
    path = sys.argv[1]
    rest = sys.argv[2:]
    func = "main"
    if rest and re.fullmatch(r"[A-Za-z_]\w*", rest[0]) and rest[0] not in ("True", "False", "inf", "nan"):
        func, rest = rest[0], rest[1:]
    spec = importlib.util.spec_from_file_location("kernel", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["kernel"] = mod  # numba resolves recursive calls through it
    spec.loader.exec_module(mod)
    r = getattr(mod, func)(*[parse(a) for a in rest])
    sys.stdout.flush()
    if r is not None:
        print(r)


if __name__ == "__main__":
    main()
