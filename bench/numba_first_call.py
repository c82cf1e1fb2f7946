"""Numba's first-call (compile) time and later-call time for the kernels of
bench/compile_latency.c, same inputs. Each kernel is measured in a fresh
process so that nothing is cached in memory; Numba's disk cache is off."""
import subprocess
import sys

CASES = [
    ("examples/mandelbrot.py", "escape", "0.25, 0.25, 8"),
    ("examples/mandelbrot.py", "total", "8, 8"),
    ("examples/dtw.py", "series", "8, 0.25, 0.25"),
    ("examples/dtw.py", "dtw", "a, a"),
    ("examples/embed/kernels.py", "dot", "a, a"),
]

PROG = r'''
import importlib.util, sys, time
import numpy as np
t0 = time.perf_counter()
import numba
t_import = time.perf_counter() - t0
spec = importlib.util.spec_from_file_location("kernel", "{file}")
mod = importlib.util.module_from_spec(spec); sys.modules["kernel"] = mod; spec.loader.exec_module(mod)
a = np.arange(16) * 0.25
f = getattr(mod, "{func}")
t0 = time.perf_counter(); f({args}); t1 = time.perf_counter()
for _ in range(1000): f({args})
t2 = time.perf_counter()
print(t_import * 1e3, (t1 - t0) * 1e3, (t2 - t1) / 1000 * 1e6)
'''

print("%-28s %12s %12s %12s" % ("kernel (numba)", "import ms", "1st call ms", "later us"))
for file, func, args in CASES:
    out = subprocess.run([sys.executable, "-c", PROG.format(file=file, func=func, args=args)],
                         capture_output=True, text=True, check=True).stdout.split()
    name = file.rsplit("/", 1)[1] + "." + func
    print("%-28s %12.1f %12.1f %12.2f" % (name, float(out[0]), float(out[1]), float(out[2])))
