#!/bin/sh
# The CUDA driver path without a GPU: builds the stand-in libcuda.so.1
# (tests/cuda/mock/libcuda.c) into a temporary directory and runs
# tests/cuda/mock/driver.py against it with the simulator off. Prints
# "mock: N passed, N failed".
cd "$(dirname "$0")/../../.." || exit 2
JIT=${JIT:-build/jit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() {   # name, expected, actual
    if [ "$2" = "$3" ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); printf 'FAIL: mock %s\n--- wanted\n%s\n--- got\n%s\n' "$1" "$2" "$3"
    fi
}
if ! ${CC:-cc} -shared -fPIC -O1 -o "$tmp/libcuda.so.1" tests/cuda/mock/libcuda.c; then
    echo "FAIL: mock libcuda does not build"; echo "mock: 0 passed, 1 failed"; exit 1
fi
# Under make asan: the stand-in driver's modules and allocations live until
# the process ends, as a real driver's do, so its leaks are not libjit's.
run() { env -u JIT_CUDA_SIM LD_LIBRARY_PATH="$tmp" MOCK_CUDA_LOG=1 \
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$JIT" "$@"; }
out=$(run run tests/cuda/mock/driver.py main 0 2> "$tmp/err")
check "launches" "0.0 8.0
20.0 80.0 8.0
6.0" "$out"
# one module per kernel specialization, however many launch sites; device
# arrays are managed memory
check "one module" "1" "$(grep -c 'module loaded (.target sm_90)' "$tmp/err")"
check "managed" "2" "$(grep -c 'managed allocation' "$tmp/err")"
run run tests/cuda/mock/driver.py main 1 > /dev/null 2> "$tmp/err"
check "driver error" "1 tests/cuda/mock/driver.py:39: CudaError: cuLaunchKernel failed: CUDA_ERROR_LAUNCH_FAILED (unspecified launch failure)" \
    "$? $(grep -v '^mock:' "$tmp/err")"
out=$(run run tests/cuda/mock/driver.py main 2 2> "$tmp/err")
check "cuda ufunc" "[4.         4.12310563 4.47213595]" "$out"
check "sysinfo" "CUDA:         driver 12.4, 1 device; 0: Mock GPU (sm_90)" "$(run sysinfo | grep '^CUDA:')"
check "ptx arch" "1" "$(run ptx tests/cuda/mock/driver.py scale --sig 'void(f8, f8[::1])' | grep -c '^.target sm_90')"
echo "mock: $pass passed, $fail failed"
[ "$fail" = 0 ]
