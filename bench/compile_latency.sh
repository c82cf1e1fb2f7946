#!/bin/sh
# bench/compile_latency: libjit's cold first call against Numba's, same
# kernels and inputs, plus whole-process times of `jit run`.
set -e
cd "$(dirname "$0")/.."
mkdir -p build/bench
cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude bench/compile_latency.c -o build/bench/compile_latency \
    -Lbuild -Wl,-rpath,"$PWD/build" -ljit
echo "== libjit (best of 5)"
build/bench/compile_latency 5
if python3 -c "import numba" 2>/dev/null; then
    echo "== Numba $(python3 -c 'import numba; print(numba.__version__)')"
    python3 bench/numba_first_call.py
else
    echo "== Numba not installed (pip install numba) - skipped"
fi
echo "== whole process: jit run (start to result)"
for f in examples/mandelbrot.py examples/dtw.py; do
    s=$(date +%s%N); build/jit run $f > /dev/null; e=$(date +%s%N)
    echo "$f: $(( (e - s) / 1000000 )) ms"
done
