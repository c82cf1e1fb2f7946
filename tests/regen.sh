#!/bin/sh
# Regenerates the expected output of script tests and examples from
# CPython + Numba (the semantic oracle): tests/scripts/X.out, examples/X.out;
# GPU scripts (tests/cuda/X.py, examples/cuda_X.py) under Numba's CUDA
# simulator, their main() being plain host Python there.
cd "$(dirname "$0")/.." || exit 2
export NUMBA_ENABLE_CUDASIM=1
for f in tests/scripts/*.py examples/*.py tests/cuda/*.py; do
    args=$(sed -n 's/^# args: //p' "$f" | head -1)
    # shellcheck disable=SC2086
    python3 tests/oracle.py "$f" $args > "${f%.py}.out" || echo "oracle failed: $f"
done
