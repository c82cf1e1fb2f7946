#!/bin/sh
# Host-function tests: builds libhost.so from libhost.c, then runs every
# tests/host/*.py with `jit run --load libhost.so` (at -O3 and -O0) and
# compares with the .out beside it. The .out files come from CPython + Numba
# with the same library loaded (llvmlite.binding.load_library_permanently):
#   sh tests/host/run.sh --regen
# Prints one line "host: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
JIT=${JIT:-build/jit}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -shared -fPIC -O2 tests/host/libhost.c -o "$tmp/libhost.so" || { echo "host: 0 passed, 1 failed"; exit 1; }
if [ "$1" = "--regen" ]; then
    for f in tests/host/*.py; do
        python3 -c "
import runpy, sys
import llvmlite.binding as b
b.load_library_permanently('$tmp/libhost.so')
sys.argv = ['oracle', '$f']
runpy.run_path('tests/oracle.py', run_name='__main__')" > "${f%.py}.out"
    done
    exit 0
fi
pass=0
fail=0
for f in tests/host/*.py; do
    for mode in "" "-O0"; do
        # shellcheck disable=SC2086
        if timeout 60 $JIT run "$f" --load "$tmp/libhost.so" $mode > "$tmp/out" 2> "$tmp/err" &&
           cmp -s "$tmp/out" "${f%.py}.out"; then pass=$((pass + 1)); else
            fail=$((fail + 1)); echo "FAIL: $f $mode"; diff "${f%.py}.out" "$tmp/out" | head; head -5 "$tmp/err"
        fi
    done
done
# a library that is not there is a clear error, exit status 1
$JIT run tests/host/callbacks.py --load "$tmp/nothere.so" > /dev/null 2> "$tmp/err"
if [ $? -eq 1 ] && grep -q "cannot load library $tmp/nothere.so" "$tmp/err"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: --load of a missing library"; cat "$tmp/err"
fi
echo "host: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
