"""The kernels of bench/gpu/kernels.py under numba-cuda, timed with CUDA
events, printed in the format libjit's JIT_CUDA_TIMING uses:

    python3 bench/gpu/numba_kernels.py LOG2N REPS

stderr: "cuda: NAME<<<...>>> MS ms (PTX MS ms, numba)" per launch;
stdout: the same result checks as kernels.py.
"""
import sys
import time

import numpy as np
from numba import cuda

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import kernels as K  # noqa: E402  the same Python source, compiled by numba-cuda


def timed(name, kernel, config, *args, ptx_ms):
    start, end = cuda.event(), cuda.event()
    start.record()
    kernel[config](*args)
    end.record()
    end.synchronize()
    ms = start.elapsed_time(end)
    g, b = config
    print("cuda: %s<<<%s,%s>>> %.4f ms (PTX %.2f ms, numba)" % (name, g, b, ms, ptx_ms), file=sys.stderr)


def compile_ms(kernel, sig):
    t0 = time.perf_counter()
    try:
        cuda.compile_ptx_for_current_device(kernel.py_func, sig)
    except Exception:   # the simulator has no PTX
        return float("nan")
    return (time.perf_counter() - t0) * 1e3


def main(logn, reps):
    n = 1 << logn
    TPB = K.TPB
    blocks = (n + TPB - 1) // TPB
    f4 = "float32"
    ptx = {
        "copy": compile_ms(K.copy, "void(float32[::1], float32[::1])"),
        "triad": compile_ms(K.triad, "void(float32[::1], float32[::1], float32[::1], float32)"),
        "reduce": compile_ms(K.reduce, "void(float32[::1], float32[::1])"),
        "mandelbrot": compile_ms(K.mandelbrot, "void(int32[:, ::1], float32, float32, float32, int32)"),
        "blackscholes": compile_ms(K.blackscholes, "void(%s)" % ", ".join(["float32[::1]"] * 5 + [f4, f4])),
    }
    b = cuda.to_device(np.ones(n, dtype=np.float32))
    c = cuda.to_device(np.full(n, 2.0, dtype=np.float32))
    a = cuda.device_array(n, dtype=np.float32)
    for r in range(reps):
        timed("copy", K.copy, (blocks, TPB), b, a, ptx_ms=ptx["copy"])
    for r in range(reps):
        timed("triad", K.triad, (blocks, TPB), a, b, c, np.float32(3.0), ptx_ms=ptx["triad"])
    print("triad ok:", (a.copy_to_host() == np.float32(7.0)).all())
    rblocks = min(blocks, 1024)
    for r in range(reps):
        out = cuda.to_device(np.zeros(1, dtype=np.float32))
        timed("reduce", K.reduce, (rblocks, TPB), b, out, ptx_ms=ptx["reduce"])
    print("reduce ok:", out.copy_to_host()[0] == np.float32(n))
    img = cuda.device_array((K.MB_H, K.MB_W), dtype=np.int32)
    cfg = (((K.MB_W + 15) // 16, (K.MB_H + 15) // 16), (16, 16))
    for r in range(reps):
        timed("mandelbrot", K.mandelbrot, cfg, img, np.float32(-2.0), np.float32(-1.0),
              np.float32(2.0 / K.MB_H), np.int32(K.MB_ITER), ptx_ms=ptx["mandelbrot"])
    print("mandelbrot iterations:", img.copy_to_host().sum())
    m = min(n, 1 << 22)
    mb = (m + TPB - 1) // TPB
    s = cuda.to_device(np.linspace(10.0, 50.0, m).astype(np.float32))
    k = cuda.to_device(np.full(m, 30.0, dtype=np.float32))
    t = cuda.to_device(np.linspace(0.25, 2.0, m).astype(np.float32))
    call = cuda.device_array(m, dtype=np.float32)
    put = cuda.device_array(m, dtype=np.float32)
    for r in range(reps):
        timed("blackscholes", K.blackscholes, (mb, TPB), call, put, s, k, t, np.float32(0.02), np.float32(0.3),
              ptx_ms=ptx["blackscholes"])
    hc = call.copy_to_host()
    print("blackscholes call[0], call[-1]:", round(float(hc[0]), 3), round(float(hc[m - 1]), 3))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 26, int(sys.argv[2]) if len(sys.argv) > 2 else 10)
