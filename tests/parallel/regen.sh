#!/bin/sh
# Expected output of the parallel tests: CPython running the scripts
# serially (NUMBA_DISABLE_JIT=1 turns njit into a no-op and prange into
# range), since serial execution is what every thread count must reproduce.
# Some scripts use what Numba's parfors refuse (strided prange, ^=
# reductions, last values of privates), so Numba itself is no oracle here.
# NumPy scalars print as np.float64(x) there and as x from kernels.
cd "$(dirname "$0")/../.." || exit 2
for f in tests/parallel/*.py; do
    NUMBA_DISABLE_JIT=1 python3 tests/oracle.py "$f" |
        sed 's/np\.\(float\|int\)[0-9]*(\([^)]*\))/\2/g' > "${f%.py}.out" || echo "oracle failed: $f"
done
