#!/usr/bin/env python3
"""run.py - differential test of `jit run` against CPython.

    python3 tests/diff/run.py [--seed S] [--count N] [--jit build/jit] [--keep DIR]
                              [--jobs J] [--timeout T] [--jit-args=-O0] [--numba]
                              [--avoid NAME,...|all] [--features arrays] [--max-seconds S]
    python3 tests/diff/run.py --file PROG.py [...]     compare one existing script

Generates N programs with tests/diff/gen.py (program k of seed S has the seed
"S:k"), runs each under CPython + NumPy (with the no-op numba of
tests/diff/fake_numba, in worker processes that import NumPy once) and under
`jit run`, and compares the outputs: the same lines, the same tokens, floats
equal or within a relative 1e-12 (libm may differ in the last bit).

A divergence (jit fails, crashes, times out, or prints something else) is
saved in the keep directory (default tests/diff/out/) as NAME.py, NAME.cpython,
NAME.jit (stdout, then stderr after a line `--- stderr`), with a one-line
summary here. A program that fails under CPython is a generator bug and is
reported (and saved) as such. With --numba, each divergence is also run under
the real Numba (tests/oracle.py), to tell jit bugs (jit differs from Numba)
from places where Numba itself differs from CPython.

Ends with `diff: N programs, N agree, N diverge` (and the generator bugs, if
any); exit status 1 if anything diverged or the generator failed.
"""
import argparse
import ast
import contextlib
import io
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402

FLOAT_RE = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$|^[-+]?(inf|nan)$")
TOKEN_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)\b|\S")
TOKEN_NUM_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)\b")
REL_TOL = 1e-12


def tokens(line):
    return TOKEN_RE.findall(line)


def is_float_tok(t):
    return ("." in t or "e" in t or "E" in t or "inf" in t or "nan" in t) and FLOAT_RE.match(t)


def skeleton(line):
    """The line with every number replaced by N: what must match exactly."""
    return TOKEN_NUM_RE.sub("N", line)


def same_output(a, b):
    """True if a and b (whole outputs) agree, floats within REL_TOL."""
    if a == b:
        return True
    la, lb = a.split("\n"), b.split("\n")
    if len(la) != len(lb):
        return False
    for x, y in zip(la, lb):
        if x == y:
            continue
        ta, tb = tokens(x), tokens(y)
        if len(ta) != len(tb) or skeleton(x) != skeleton(y):
            return False
        for p, q in zip(ta, tb):
            if p == q:
                continue
            if not (is_float_tok(p) and is_float_tok(q)):
                return False
            fp, fq = float(p), float(q)
            if fp != fp or fq != fq or abs(fp - fq) > REL_TOL * max(abs(fp), abs(fq)):
                return False
    return True


# ---------------------------------------------------------------- CPython side
_worker_ready = False


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("CPython run timed out")


def _init_worker():
    global _worker_ready
    fake = os.path.join(HERE, "fake_numba")
    if fake not in sys.path:
        sys.path.insert(0, fake)
    for m in [m for m in sys.modules if m == "numba" or m.startswith("numba.")]:
        del sys.modules[m]
    import numba  # noqa: F401  (the fake one)
    import numpy as np
    import warnings
    np.seterr(all="raise", under="ignore")
    warnings.simplefilter("error")
    signal.signal(signal.SIGALRM, _alarm)
    _worker_ready = True


def script_args(src):
    """The arguments of a script's `# args:` line, as strings."""
    m = re.search(r"^# args:(.*)$", src, re.M)
    return m.group(1).split() if m else []


def parse_arg(a):
    """An argument as tests/oracle.py reads it."""
    if a in ("True", "False"):
        return a == "True"
    try:
        return int(a, 0)
    except ValueError:
        return float(a)


class Int64Overflow(ArithmeticError):
    pass


def _chk(v):
    """v, or an Int64Overflow if it is a Python int that int64 cannot hold."""
    if type(v) is int and not -9223372036854775808 <= v <= 9223372036854775807:
        raise Int64Overflow("int64 overflow: %d" % v)
    return v


class _Checker(ast.NodeTransformer):
    """Wraps every arithmetic result in _chk(): CPython's ints never overflow, so a program whose
    int64 values would wrap in a compiler is a generator bug, not a divergence."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Call(ast.Name("_chk", ast.Load()), [node], []), node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, (ast.USub, ast.Invert)):
            return ast.copy_location(ast.Call(ast.Name("_chk", ast.Load()), [node], []), node)
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.target, ast.Name):
            chk = ast.Assign([ast.Name(node.target.id, ast.Store())],
                             ast.Call(ast.Name("_chk", ast.Load()), [ast.Name(node.target.id, ast.Load())], []))
            return [node, ast.copy_location(chk, node)]
        return node


def compile_checked(src, path):
    tree = _Checker().visit(ast.parse(src, path))
    ast.fix_missing_locations(tree)
    return compile(tree, path, "exec")


def run_cpython(src, path, timeout):
    """(ok, output): output is stdout, or the traceback if it raised."""
    if not _worker_ready:
        _init_worker()
    mod = types.ModuleType("kernel")
    mod.__file__ = path
    buf = io.StringIO()
    signal.alarm(timeout)
    try:
        with contextlib.redirect_stdout(buf):
            code = compile_checked(src, path)
            mod.__dict__["_chk"] = _chk
            exec(code, mod.__dict__)
            r = mod.main(*[parse_arg(x) for x in script_args(src)])
            if r is not None:
                print(r)
        return True, buf.getvalue()
    except BaseException:  # noqa: B902  (a Timeout, or the program's own error)
        return False, buf.getvalue() + "--- exception\n" + traceback.format_exc(limit=3)
    finally:
        signal.alarm(0)


# ---------------------------------------------------------------- jit side
def run_jit(jit, path, args, timeout, env):
    try:
        p = subprocess.run([jit, "run", path] + args, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stdout or b"").decode(errors="replace"), "timed out after %ss" % timeout
    except OSError as e:   # e.g. build/jit being rebuilt right now
        return "cannot run", "", str(e)
    out = p.stdout.decode(errors="replace")
    err = p.stderr.decode(errors="replace")
    if p.returncode < 0:
        return "signal %d" % -p.returncode, out, err
    if p.returncode != 0:
        return "exit %d" % p.returncode, out, err
    return "ok", out, err


def first_diff(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "line %d: cpython %r, jit %r" % (i + 1, x[:60], y[:60])
    return "cpython %d lines, jit %d lines" % (len(la) - 1, len(lb) - 1)


def check(task):
    """Runs one program; returns (name, verdict, summary, files)."""
    name, src, o = task
    if isinstance(src, tuple):   # (seed, avoid): generate it here
        try:
            src = gen.generate(*src)
        except Exception:
            return name, "genbug", "gen.py raised: " + traceback.format_exc().strip().split("\n")[-1], \
                {"cpython": traceback.format_exc()}
    tmp = o["tmp"]
    path = os.path.join(tmp, name + ".py")
    with open(path, "w") as f:
        f.write(src)
    ok, py_out = run_cpython(src, path, o["py_timeout"])
    if not ok:
        return name, "genbug", py_out.strip().split("\n")[-1][:120], {"py": src, "cpython": py_out}
    status, j_out, j_err = run_jit(o["jit"], path, script_args(src) + o["jit_args"], o["timeout"], o["env"])
    files = {"py": src, "cpython": py_out, "jit": j_out + "--- stderr\n" + j_err}
    if status != "ok":
        msg = (j_err.strip().split("\n") or [""])[0][:160]
        return name, "diverge", "jit %s: %s" % (status, msg), files
    if not same_output(py_out, j_out):
        return name, "diverge", first_diff(py_out, j_out), files
    if o.get("cache"):
        # once more: now every function comes from the disk cache (shared by all programs)
        status, j_out, j_err = run_jit(o["jit"], path, script_args(src) + o["jit_args"], o["timeout"], o["env"])
        files["jit"] = j_out + "--- stderr\n" + j_err
        if status != "ok":
            msg = (j_err.strip().split("\n") or [""])[0][:160]
            return name, "diverge", "jit (cached) %s: %s" % (status, msg), files
        if not same_output(py_out, j_out):
            return name, "diverge", "cached: " + first_diff(py_out, j_out), files
    return name, "agree", "", None


def numba_verdict(path, jit_out, timeout):
    """What the real Numba prints for path, compared with jit's output."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    try:
        with open(path) as f:
            args = script_args(f.read())
        p = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "oracle.py"), path] + args,
                           capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return "numba timed out", ""
    out = p.stdout.decode(errors="replace")
    if p.returncode != 0:
        err = p.stderr.decode(errors="replace").strip().split("\n")
        return "numba failed: " + (err[-1][:100] if err else ""), out
    if same_output(out, jit_out):
        return "jit == numba (numba differs from CPython too)", out
    return "jit != numba", out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", default="1")
    ap.add_argument("--count", type=int, default=700, help="programs to run (default 700: about 45 s on 2 cores)")
    ap.add_argument("--max-seconds", type=float, default=120,
                    help="stop starting programs after this long (default 120; 0: no limit)")
    ap.add_argument("--jit", default=os.path.join(ROOT, "build", "jit"))
    ap.add_argument("--keep", default=os.path.join(HERE, "out"))
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--timeout", type=int, default=30, help="seconds for one jit run")
    ap.add_argument("--py-timeout", type=int, default=20, help="seconds for one CPython run")
    ap.add_argument("--jit-args", default="", help="extra arguments of jit run, e.g. -O0")
    ap.add_argument("--cache", action="store_true",
                    help="JIT_CACHE=1, and run each program twice: the second run loads the disk cache")
    ap.add_argument("--numba", action="store_true", help="triage divergences with the real Numba")
    ap.add_argument("--file", action="append", help="compare these scripts instead of generated ones")
    ap.add_argument("--avoid", default="", help="comma-separated known jit bugs the generator leaves out: "
                    + ", ".join(sorted(gen.AVOIDABLE)) + " (or 'all')")
    ap.add_argument("--features", default="", help="optional language areas to generate too: "
                    + ", ".join(sorted(gen.FEATURES)) + " (or 'all')")
    ap.add_argument("--quiet", action="store_true", help="only the summary line and divergences")
    a = ap.parse_args()

    if not os.access(a.jit, os.X_OK):
        print("diff: no jit at %s (build it first)" % a.jit)
        return 2
    tmp = tempfile.mkdtemp(prefix="jitdiff.")
    env = dict(os.environ)
    env["JIT_CACHE_DIR"] = os.path.join(tmp, "cache")
    o = {"tmp": tmp, "jit": a.jit, "jit_args": a.jit_args.split(), "timeout": a.timeout,
         "py_timeout": a.py_timeout, "env": env, "cache": a.cache}
    if a.cache:
        env["JIT_CACHE"] = "1"
    if a.file:
        tasks = []
        for fpath in a.file:
            with open(fpath) as f:
                tasks.append((os.path.splitext(os.path.basename(fpath))[0], f.read(), o))
    else:
        avoid = [x for x in a.avoid.split(",") if x]
        if avoid == ["all"]:
            avoid = sorted(gen.AVOIDABLE)
        for x in avoid:
            if x not in gen.AVOIDABLE:
                ap.error("--avoid: unknown %r (known: %s)" % (x, ", ".join(sorted(gen.AVOIDABLE))))
        features = [x for x in a.features.split(",") if x]
        if features == ["all"]:
            features = sorted(gen.FEATURES)
        for x in features:
            if x not in gen.FEATURES:
                ap.error("--features: unknown %r (known: %s)" % (x, ", ".join(sorted(gen.FEATURES))))
        tasks = ((safe_name(a.seed, k), ("%s:%d" % (a.seed, k), avoid, features), o) for k in range(a.count))

    n = agree = diverge = genbug = 0
    start = time.time()
    try:
        if a.jobs > 1:
            pool = multiprocessing.Pool(a.jobs, initializer=_init_worker)
            results = pool.imap_unordered(check, tasks, chunksize=1)
        else:
            _init_worker()
            pool = None
            results = map(check, tasks)
        stopped = False
        for name, verdict, summary, files in results:
            if a.max_seconds and time.time() - start > a.max_seconds:
                stopped = True
                break
            n += 1
            if verdict == "agree":
                agree += 1
                continue
            os.makedirs(a.keep, exist_ok=True)
            for ext, text in files.items():
                with open(os.path.join(a.keep, name + "." + ext), "w") as f:
                    f.write(text)
            kept = os.path.join(a.keep, name + ".py")
            if verdict == "genbug":
                genbug += 1
                print("GENBUG %s: CPython raised: %s" % (kept, summary))
                continue
            diverge += 1
            extra = ""
            if a.numba:
                v, nout = numba_verdict(kept, files["jit"].split("--- stderr\n")[0], 300)
                with open(os.path.join(a.keep, name + ".numba"), "w") as f:
                    f.write(nout)
                extra = " [%s]" % v
            print("DIVERGE %s: %s%s" % (kept, summary, extra))
            sys.stdout.flush()
        if pool:
            if stopped:
                pool.terminate()
                print("diff: stopped after %.0fs (--max-seconds)" % (time.time() - start))
            else:
                pool.close()
            pool.join()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tail = ", %d generator bugs" % genbug if genbug else ""
    if not a.quiet:
        print("diff: %.0fs" % (time.time() - start))
    print("diff: %d programs, %d agree, %d diverge%s" % (n, agree, diverge, tail))
    return 1 if diverge or genbug else 0


def safe_name(seed, k):
    return "s%s_%05d" % (re.sub(r"[^A-Za-z0-9]", "_", str(seed)), k)


if __name__ == "__main__":
    sys.exit(main())
