#!/bin/sh
# The GPU benchmark in one command, on a machine with an NVIDIA GPU and
# numba-cuda:   make bench-gpu    (or: sh bench/gpu/run.sh [LOG2N] [REPS])
# Builds libjit, checks the kernels' PTX with ptxas where it is installed,
# then prints libjit's and numba-cuda's kernel times side by side.
cd "$(dirname "$0")/../.." || exit 2
make -j"$(nproc 2>/dev/null || echo 2)" all > /dev/null || exit 1
build/jit sysinfo | grep '^CUDA'
exec python3 bench/gpu/report.py "${1:-26}" "${2:-10}"
