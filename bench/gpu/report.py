"""Runs the GPU benchmark under libjit and numba-cuda and prints one table.

    python3 bench/gpu/report.py [LOG2N] [REPS]     (bench/gpu/run.sh calls it)

Per kernel: the best of REPS launches (CUDA events around the launch only),
achieved bandwidth (bytes the kernel must move / time) or throughput, the
PTX compile time, and the ratio to numba-cuda. The copy kernel is the
device-to-device bandwidth reference for triad (goal: >= 85% of it).
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINE = re.compile(r"^cuda: (\w+)<<<.*>>> ([0-9.]+) ms \(PTX ([0-9.]+) ms, (\S+)\)")


def run(cmd, env):
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    times, ptx, arch = {}, {}, "?"
    for line in p.stderr.splitlines():
        m = LINE.match(line)
        if m:
            times.setdefault(m[1], []).append(float(m[2]))
            ptx[m[1]] = float(m[3])
            arch = m[4]
    return p, times, ptx, arch


def main():
    logn = int(sys.argv[1]) if len(sys.argv) > 1 else 26
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    n = 1 << logn
    env = dict(os.environ, JIT_CUDA_TIMING="1")
    env.pop("JIT_CUDA_SIM", None)
    ours, t_ours, ptx_ours, arch = run(["build/jit", "run", "bench/gpu/kernels.py", "main", str(logn), str(reps)], env)
    if ours.returncode != 0 or not t_ours:
        print("libjit run failed:\n" + ours.stdout + ours.stderr)
        return 1
    nb, t_nb, ptx_nb, _ = run([sys.executable, "bench/gpu/numba_kernels.py", str(logn), str(reps)], env)
    if nb.returncode != 0:
        print("numba-cuda run failed (is numba-cuda installed?):\n" + nb.stderr[-2000:])
    m = min(n, 1 << 22)
    bytes_moved = {"copy": 8 * n, "triad": 12 * n, "reduce": 4 * n, "blackscholes": 20 * m}
    print("GPU benchmark, n = 2^%d float32, best of %d launches, PTX for %s" % (logn, reps, arch))
    print("%-13s %10s %12s %10s | %10s %12s %10s | %7s" % ("kernel", "libjit ms", "GB/s", "PTX ms",
                                                          "numba ms", "GB/s", "PTX ms", "ratio"))
    for k in ("copy", "triad", "reduce", "mandelbrot", "blackscholes"):
        a = min(t_ours.get(k, [float("nan")]))
        b = min(t_nb.get(k, [float("nan")]))
        gb = lambda t: ("%.1f" % (bytes_moved[k] / t / 1e6)) if k in bytes_moved and t == t else "-"
        print("%-13s %10.4f %12s %10.2f | %10.4f %12s %10.2f | %7.3f" % (
            k, a, gb(a), ptx_ours.get(k, float("nan")), b, gb(b), ptx_nb.get(k, float("nan")), a / b if b else 0))
    if "copy" in t_ours and "triad" in t_ours:
        copy_bw = 8 * n / min(t_ours["copy"])
        triad_bw = 12 * n / min(t_ours["triad"])
        print("triad bandwidth / copy bandwidth: %.1f%% (goal >= 85%%)" % (100 * triad_bw / copy_bw))
    same = ours.stdout == nb.stdout
    print("results: libjit and numba-cuda agree" if same else
          "results differ:\n--- libjit\n%s--- numba\n%s" % (ours.stdout, nb.stdout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
