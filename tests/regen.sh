#!/bin/sh
# Regenerates the expected output of script tests and examples from
# CPython + Numba (the semantic oracle): tests/scripts/X.out, examples/X.out;
# GPU scripts (tests/cuda/X.py, examples/cuda_X.py) under Numba's CUDA
# simulator, their main() being plain host Python there.
cd "$(dirname "$0")/.." || exit 2
export NUMBA_ENABLE_CUDASIM=1
for f in tests/scripts/*.py examples/*.py tests/cuda/*.py; do
    args=$(sed -n 's/^# args: //p' "$f" | head -1)
    src=$f
    if grep -q '^# oracle: cpu' "$f"; then
        # Numba's simulator has no target='cuda' ufuncs: the CPU version is the oracle
        src=$(mktemp --suffix=.py)
        sed "s/target='cuda'/target='cpu'/" "$f" > "$src"
    fi
    # shellcheck disable=SC2086
    python3 tests/oracle.py "$src" $args > "${f%.py}.out" || echo "oracle failed: $f"
    [ "$src" = "$f" ] || rm -f "$src"
done
