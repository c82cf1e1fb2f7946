#!/usr/bin/env python3
"""reduce.py - shrink a diverging program while it keeps diverging.

    python3 tests/diff/reduce.py PROG.py [--jit build/jit] [--out SMALL.py] [--jit-args "-O0"]
                                 [--same-error]

Deletes lines and blocks (a compound statement with its body), unwraps
compound statements (keeps the body, dedented) and drops `elif`/`else` arms,
as long as the program still runs under CPython (fake numba) and `jit run`
still disagrees with it. It never rewrites expressions (that could change a
variable's type and turn the divergence into a legitimate difference):
finish by hand. With
--same-error, a jit failure must keep the first line of its message (past
the file:line:col). The result is written to --out (default PROG.min.py).
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import run as R  # noqa: E402


def indent_of(line):
    return len(line) - len(line.lstrip(" "))


def block_end(lines, i):
    """Index after the statement starting at line i (with its body, and elif/else arms if any)."""
    ind = indent_of(lines[i])
    j = i + 1
    if lines[i].rstrip().endswith(":"):
        while j < len(lines) and (not lines[j].strip() or indent_of(lines[j]) > ind):
            j += 1
    return j


class Oracle:
    def __init__(self, jit, jit_args, same_error):
        self.jit, self.jit_args, self.same_error = jit, jit_args, same_error
        self.tmp = tempfile.mkdtemp(prefix="jitreduce.")
        self.env = dict(os.environ, JIT_CACHE_DIR=os.path.join(self.tmp, "cache"))
        self.want = None
        self.tries = 0

    def signature(self, src):
        """None if src does not diverge, else a short description of how it diverges."""
        self.tries += 1
        path = os.path.join(self.tmp, "prog.py")
        with open(path, "w") as f:
            f.write(src)
        ok, py = R.run_cpython(src, path, 10)
        if not ok:
            return None
        status, out, err = R.run_jit(self.jit, path, R.script_args(src) + self.jit_args, 30, self.env)
        if status != "ok":
            msg = err.strip().split("\n")[0] if err.strip() else ""
            msg = re.sub(r"^.*?:\d+(:\d+)?: ", "", msg)
            msg = re.sub(r"\d+", "N", msg)
            return ("fail", status, msg if self.same_error else "")
        if R.same_output(py, out):
            return None
        return ("output",)

    def interesting(self, src):
        s = self.signature(src)
        return s is not None and s == self.want


def reduce(src, orc):
    lines = src.rstrip("\n").split("\n")
    changed = True
    while changed:
        changed = False
        # 1. delete statements/blocks, from the end (later code depends on earlier)
        i = len(lines) - 1
        while i >= 0:
            if not lines[i].strip() or lines[i].startswith(("import", "from")):
                i -= 1
                continue
            j = block_end(lines, i)
            start = i
            if lines[i].startswith("@"):
                i -= 1
                continue
            if lines[i].startswith("def ") and start > 0 and lines[start - 1].startswith("@"):
                start -= 1
            cand = lines[:start] + lines[j:]
            if orc.interesting("\n".join(cand) + "\n"):
                lines = cand
                changed = True
            i = min(start, len(lines)) - 1
        # 2. unwrap compound statements: keep the body
        i = 0
        while i < len(lines):
            s = lines[i].strip()
            if s.endswith(":") and re.match(r"(if|elif|else|for|while)\b", s):
                j = block_end(lines, i)
                ind = indent_of(lines[i])
                body = [ln for ln in lines[i + 1:j]]
                sub = indent_of(body[0]) - ind if body else 4
                new_body = [ln[sub:] if ln.strip() else ln for ln in body]
                # an unwrapped 'for' keeps its variable defined
                pre = []
                m = re.match(r"for (\w+) in range\((.*)\):$", s)
                if m:
                    pre = [" " * ind + "%s = 0" % m.group(1)]
                if s.startswith(("elif", "else")):
                    cand = None
                else:
                    cand = lines[:i] + pre + new_body + lines[j:]
                if cand is not None and orc.interesting("\n".join(cand) + "\n"):
                    lines = cand
                    changed = True
                    continue
                # drop just this arm (elif/else)
                if s.startswith(("elif", "else")):
                    cand = lines[:i] + lines[j:]
                    if orc.interesting("\n".join(cand) + "\n"):
                        lines = cand
                        changed = True
                        continue
            i += 1
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prog")
    ap.add_argument("--jit", default=os.path.join(ROOT, "build", "jit"))
    ap.add_argument("--jit-args", default="")
    ap.add_argument("--out")
    ap.add_argument("--same-error", action="store_true")
    a = ap.parse_args()
    R._init_worker()
    with open(a.prog) as f:
        src = f.read()
    orc = Oracle(a.jit, a.jit_args.split(), a.same_error)
    orc.want = orc.signature(src)
    if orc.want is None:
        print("reduce: %s does not diverge" % a.prog)
        return 1
    # np.empty's contents are garbage once its filling loop is deleted
    z = src.replace("np.empty(", "np.zeros(")
    if z != src and orc.interesting(z):
        src = z
    try:
        small = reduce(src, orc)
    finally:
        shutil.rmtree(orc.tmp, ignore_errors=True)
    out = a.out or os.path.splitext(a.prog)[0] + ".min.py"
    with open(out, "w") as f:
        f.write(small)
    print("reduce: %d -> %d lines in %d tries: %s" % (len(src.split("\n")), len(small.split("\n")), orc.tries, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
