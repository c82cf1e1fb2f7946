#!/bin/sh
# Start-up latency of the jit command (docs/performance.md, "Start-up"):
# best-of-N wall milliseconds, process start to exit, of
#   /bin/true              the floor: fork+exec+exit of a tiny program
#   jit --version          process loading and static initialization only
#   jit run (cold)         a small kernel compiled from scratch (empty cache)
#   jit run (cached)       the same kernel loaded from the disk cache
#   jit run mandelbrot     examples/mandelbrot.py from the cache (kernel ~8 ms)
# Usage: sh bench/startup.sh [N]   (N repetitions, default 40; JIT=path/to/jit)
set -e
N=${1:-40}
JIT=${JIT:-${JIT_BUILD:-build}/jit}
[ -x "$JIT" ] || { echo "startup: $JIT not built (make)" >&2; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp "$(dirname "$0")/small.py" "$t/small.py"
JIT="$JIT" N="$N" T="$t" python3 - <<'PY'
import os, subprocess, time, shutil
jit, n, t = os.environ["JIT"], int(os.environ["N"]), os.environ["T"]
small = os.path.join(t, "small.py")
cold_dir, warm_dir = os.path.join(t, "cold"), os.path.join(t, "warm")


def best(argv, before=None, env_dir=None):
    env = dict(os.environ)
    if env_dir:
        env["JIT_CACHE_DIR"] = env_dir
    b = float("inf")
    for _ in range(n):
        if before:
            before()
        t0 = time.perf_counter()
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        dt = time.perf_counter() - t0
        if r.returncode:
            raise SystemExit("startup: %s failed: %s" % (" ".join(argv), r.stderr.decode()))
        b = min(b, dt)
    return b * 1e3


def clear_cold():
    shutil.rmtree(cold_dir, ignore_errors=True)


rows = [("/bin/true", best(["/bin/true"])),
        ("jit --version", best([jit, "--version"])),
        ("jit run small.py (cold)", best([jit, "run", small], before=clear_cold, env_dir=cold_dir))]
subprocess.run([jit, "run", small], env=dict(os.environ, JIT_CACHE_DIR=warm_dir), check=True,
               stdout=subprocess.DEVNULL)
rows.append(("jit run small.py (cached)", best([jit, "run", small], env_dir=warm_dir)))
mandel = "examples/mandelbrot.py"
if os.path.exists(mandel):
    subprocess.run([jit, "run", mandel, "--cache"], env=dict(os.environ, JIT_CACHE_DIR=warm_dir),
                   check=True, stdout=subprocess.DEVNULL)
    rows.append(("jit run mandelbrot.py --cache (cached)", best([jit, "run", mandel, "--cache"], env_dir=warm_dir)))
print("start-up, best of %d (wall ms)" % n)
for name, ms in rows:
    print("%-40s %8.2f" % (name, ms))
PY
