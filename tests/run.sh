#!/bin/sh
# Runs every suite and ends with one line over all of them: N passed, N failed.
#   unit      Check tests per stage (build/tests/unit_tests)
#   scripts   tests/scripts/*.py: `jit run` output equals the .out beside it
#             (expected output made by CPython + Numba, see tests/regen.sh),
#             at -O3 and -O0, bounds checks on and off
#   parallel  tests/parallel/*.py: prange loops give the serial output with
#             1, 2, 3 and 7 threads
#   errors    tests/errors/*.py: each fails with the file:line:col and message
#             its `# error:` line names, exit status 1, no signal
#   ptx       tests/ptx/*.py: @cuda.jit kernels to PTX, checked by ptxas
#   cuda      tests/cuda/*.py: GPU kernels launched from host code, run on the
#             CUDA simulator (JIT_CUDA_SIM=1; expected output from Numba's own
#             simulator), and every kernel a "# ptx: NAME SIG" line names
#             compiled to PTX and checked by ptxas; the driver path against a
#             stand-in libcuda.so.1 (tests/cuda/mock)
#   examples  examples/*.py against examples/*.out; the C embedding example
#             built against the build tree and against an installed copy
#   host      tests/host/*.py: kernels calling a C library (jit run --load)
#   perfmap   tests/perfmap.sh: --perf-map / -g / JIT_PERF_MAP=1 name JIT code for perf
#   memory    refcount balance and valgrind over the scripts (JIT_VALGRIND=0 skips valgrind)
#   fuzz      the fuzz targets replayed over their corpora and crash regressions
#   limits    tests/limits.sh: deep nesting, bad bytes, huge sizes, fault injection
# JIT_BUILD names the build directory (default build; make asan uses build-asan).
cd "$(dirname "$0")/.." || exit 2
B=${JIT_BUILD:-build}
JIT=${JIT:-$B/jit}
export JIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# adds a sub-suite's summary line "NAME: P passed, F failed" to the totals
# (sf keeps its failure count)
add_suite() {
    sp=$(echo "$1" | sed 's/^[a-z]*: \([0-9]*\) passed.*/\1/')
    sf=$(echo "$1" | sed 's/.*passed, \([0-9]*\) failed.*/\1/')
    pass=$((pass + sp)); fail=$((fail + sf))
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- unit tests
if $B/tests/unit_tests > "$tmp/unit.log" 2>&1; then :; fi
line=$(grep '^unit:' "$tmp/unit.log" | tail -1)
if [ -n "$line" ]; then
    add_suite "$line"
    [ "$sf" = 0 ] || grep -E ':[EF]:' "$tmp/unit.log" | head -20
else
    bad "unit tests did not run"; tail -5 "$tmp/unit.log"
fi
echo "unit: $line"

# args of a script: a line "# args: ..." (default none)
script_args() { sed -n 's/^# args: //p' "$1" | head -1; }

# ---- script tests
for f in tests/scripts/*.py; do
    exp="${f%.py}.out"
    [ -f "$exp" ] || { bad "$f: no $exp"; continue; }
    args=$(script_args "$f")
    for mode in "" "-O0" "--no-boundscheck"; do
        # shellcheck disable=SC2086
        timeout 60 $JIT run "$f" $args $mode > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$exp"; then ok; else
            bad "$f ${mode:-default} (exit $rc)"; diff "$exp" "$tmp/out" | head -10; head -5 "$tmp/err"
        fi
    done
done
echo "scripts: done"

# ---- parallel tests: tests/parallel/*.py reproduce their serial output
#      (tests/parallel/regen.sh) with 1, 2, 3 and 7 threads, and at -O0
for f in tests/parallel/*.py; do
    exp="${f%.py}.out"
    for mode in "--threads 1" "--threads 2" "--threads 3" "--threads 7" "-O0 --threads 3"; do
        # shellcheck disable=SC2086
        timeout 60 $JIT run "$f" $mode > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$exp"; then ok; else
            bad "$f $mode (exit $rc)"; diff "$exp" "$tmp/out" | head -10; head -5 "$tmp/err"
        fi
    done
done
echo "parallel: done"

# ---- error tests: "# error: LINE:COL: text" (compile errors; "-" for no
#      position) or
#      "# raises: LINE: Kind: text" (exceptions at run time)
for f in tests/errors/*.py; do
    args=$(script_args "$f")
    # shellcheck disable=SC2086
    timeout 60 $JIT run "$f" $args > "$tmp/out" 2> "$tmp/err"
    rc=$?
    want=$(sed -n 's/^# error: //p' "$f" | head -1)
    if [ -n "$want" ]; then
        pos=${want%%: *}
        msg=${want#*: }
        if [ "$pos" = "-" ]; then needle="$f: error: $msg"; else needle="$f:$pos: error: $msg"; fi
    else
        want=$(sed -n 's/^# raises: //p' "$f" | head -1)
        needle="$f:$want"
    fi
    if [ $rc -eq 1 ] && grep -qF -- "$needle" "$tmp/err"; then ok; else
        bad "$f: exit $rc, wanted '$needle'"; head -5 "$tmp/err"
    fi
done
echo "errors: done"

# ---- PTX: every @cuda.jit kernel in tests/ptx (function named as the file,
#      "# sig:" line) compiles to PTX, which ptxas accepts where installed
PTXAS=$(command -v ptxas || ls /usr/local/cuda/bin/ptxas 2>/dev/null)
for f in tests/ptx/*.py; do
    fn=$(basename "$f" .py)
    sig=$(sed -n 's/^# sig: //p' "$f" | head -1)
    if ! $JIT ptx "$f" "$fn" --sig "$sig" > "$tmp/k.ptx" 2> "$tmp/err" || ! grep -q ".entry $fn" "$tmp/k.ptx"; then
        bad "$f: jit ptx"; head -5 "$tmp/err"; continue
    fi
    ok
    [ -n "$PTXAS" ] || continue
    for arch in sm_80 sm_90; do
        if $JIT ptx "$f" "$fn" --sig "$sig" --arch $arch > "$tmp/k.ptx" 2>/dev/null &&
           "$PTXAS" -arch=$arch "$tmp/k.ptx" -o "$tmp/k.cubin" 2> "$tmp/err"; then ok; else
            bad "$f: ptxas $arch"; head -5 "$tmp/err"
        fi
    done
    # with source positions (-g): .file/.loc lines, which ptxas takes without -g
    if $JIT ptx -g "$f" "$fn" --sig "$sig" > "$tmp/k.ptx" 2>/dev/null && grep -q "^	\.loc	" "$tmp/k.ptx" &&
       "$PTXAS" -arch=sm_80 "$tmp/k.ptx" -o "$tmp/k.cubin" 2> "$tmp/err"; then ok; else
        bad "$f: ptxas of jit ptx -g"; head -5 "$tmp/err"
    fi
done
echo "ptx: done (ptxas: ${PTXAS:-not installed})"

# ---- CUDA: kernels on the simulator, and their PTX through ptxas (the GPU
#      benchmark's kernels too)
for f in tests/cuda/*.py bench/gpu/kernels.py; do
    exp="${f%.py}.out"
    [ -f "$exp" ] || [ "$f" = bench/gpu/kernels.py ] || { bad "$f: no $exp"; continue; }
    [ -f "$exp" ] && for mode in "" "-O0" "--no-boundscheck"; do
        # shellcheck disable=SC2086
        JIT_CUDA_SIM=1 timeout 60 $JIT run "$f" $mode > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ $rc -eq 0 ] && cmp -s "$tmp/out" "$exp"; then ok; else
            bad "$f simulator ${mode:-default} (exit $rc)"; diff "$exp" "$tmp/out" | head -10; head -5 "$tmp/err"
        fi
    done
    sed -n 's/^# ptx: //p' "$f" > "$tmp/kernels"
    while read -r fn sig; do
        for arch in sm_80 sm_90; do
            if ! $JIT ptx "$f" "$fn" --sig "$sig" --arch $arch > "$tmp/k.ptx" 2> "$tmp/err"; then
                bad "$f: jit ptx $fn $arch"; head -5 "$tmp/err"; continue
            fi
            if [ -z "$PTXAS" ] || "$PTXAS" -arch=$arch "$tmp/k.ptx" -o "$tmp/k.cubin" 2> "$tmp/err"; then ok; else
                bad "$f: ptxas $fn $arch"; head -5 "$tmp/err"
            fi
        done
    done < "$tmp/kernels"
done
# the driver path against a stand-in libcuda.so.1 (tests/cuda/mock)
sh tests/cuda/mock/run.sh > "$tmp/mock.log" 2>&1
line=$(grep '^mock:' "$tmp/mock.log" | tail -1)
if [ -n "$line" ]; then
    add_suite "$line"
    grep -A8 '^FAIL' "$tmp/mock.log" | head -30
else
    bad "the mock CUDA driver tests did not run"; tail -5 "$tmp/mock.log"
fi
echo "cuda: done ($line)"

# ---- examples
# GPU examples (examples/cuda_*.py) run on the simulator, and on the GPU
# too where `jit sysinfo` finds a device
gpu=$($JIT sysinfo 2>/dev/null | grep -c '^CUDA: *driver .*, [1-9][0-9]* device')
for f in examples/*.py; do
    exp="${f%.py}.out"
    [ -f "$exp" ] || continue
    sims=0
    case "$f" in examples/cuda_*) sims="1"; [ "$gpu" = 0 ] || sims="1 0" ;; esac
    for sim in $sims; do
        if JIT_CUDA_SIM=$sim timeout 120 $JIT run "$f" > "$tmp/out" 2> "$tmp/err" && cmp -s "$tmp/out" "$exp"; then ok; else
            bad "$f (JIT_CUDA_SIM=$sim)"; diff "$exp" "$tmp/out" | head; head -5 "$tmp/err"
        fi
    done
done
# (it builds host programs against build/ and a `make install`ed copy:
# not meaningful for the sanitizer builds, whose library needs the
# sanitizer's runtime linked first)
if [ "$B" != build ]; then
    echo "examples/embed: not run against $B"
elif sh examples/embed/run.sh > "$tmp/embed.log" 2>&1; then ok; else bad "examples/embed"; tail -20 "$tmp/embed.log"; fi
echo "examples: done"

# ---- conformance with Numba (tests/conformance, expected outputs from CPython+Numba)
sh tests/conformance/run.sh > "$tmp/conf.log" 2>&1
line=$(grep '^conformance:' "$tmp/conf.log" | tail -1)
if [ -n "$line" ]; then
    add_suite "$line"
    grep -A6 '^FAIL' "$tmp/conf.log" | head -40
else
    bad "conformance did not run"; tail -5 "$tmp/conf.log"
fi
echo "$line"

# ---- host functions called from kernels (tests/host: jit run --load)
sh tests/host/run.sh > "$tmp/host.log" 2>&1
line=$(grep '^host:' "$tmp/host.log" | tail -1)
if [ -n "$line" ]; then
    add_suite "$line"
    grep -A6 '^FAIL' "$tmp/host.log" | head -20
else
    bad "host tests did not run"; tail -5 "$tmp/host.log"
fi
echo "$line"

# ---- differential testing against CPython (tests/diff, a fixed seed)
if python3 -c "import numpy" 2>/dev/null; then
    if python3 tests/diff/run.py --jit "$B/jit" > "$tmp/diff.log" 2>&1; then ok; else bad "tests/diff"; grep -E "DIVERGE|GENBUG" "$tmp/diff.log" | head -5; fi
    tail -1 "$tmp/diff.log"
else
    bad "tests/diff: python3 with numpy is missing (make deps installs it)"
fi

# ---- disk cache
sh tests/cache.sh > "$tmp/cache.log" 2>&1
line=$(grep '^cache:' "$tmp/cache.log" | tail -1)
if [ -n "$line" ]; then add_suite "$line"; else bad "cache tests did not run"; fi
grep FAIL "$tmp/cache.log"
echo "$line"

# ---- perf map (names of JIT code for profilers)
sh tests/perfmap.sh > "$tmp/perfmap.log" 2>&1
line=$(grep '^perfmap:.*passed' "$tmp/perfmap.log" | tail -1)
if [ -n "$line" ]; then add_suite "$line"; else bad "perf map tests did not run"; fi
grep -E "FAIL|skipped" "$tmp/perfmap.log"
echo "$line"

# ---- memory: every script in one process; array buffers and runtime
#      allocations must balance, and valgrind must find no leak or bad access
mem_files="tests/scripts/*.py examples/*.py tests/conformance/[0-9]*.py tests/cuda/*.py"
export JIT_CUDA_SIM=1   # the GPU scripts run on the simulator here
# shellcheck disable=SC2086
if $B/tests/memcheck $mem_files tests/parallel/*.py > "$tmp/mem" 2>&1; then ok; else bad "memcheck"; tail -5 "$tmp/mem"; fi
if command -v valgrind > /dev/null && [ "${JIT_VALGRIND:-1}" != 0 ]; then
    # shellcheck disable=SC2086
    # one threaded script too (private arrays in prange bodies); libomp's
    # idle threads sleep at once instead of spinning under valgrind
    if KMP_BLOCKTIME=0 valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 \
        $B/tests/memcheck $mem_files tests/parallel/arrays.py > "$tmp/vg" 2>&1; then ok; else bad "valgrind memcheck"; tail -20 "$tmp/vg"; fi
fi
echo "memory: done"

# ---- fuzz corpora and crash regressions, replayed by the gcc-built drivers
for t in script npy cache sig cli; do
    dirs="tests/fuzz/corpus/$t"
    [ -d "tests/fuzz/crashes/$t" ] && dirs="$dirs tests/fuzz/crashes/$t"
    # shellcheck disable=SC2086
    if timeout 300 $B/fuzz/replay_$t $dirs > "$tmp/fz" 2>&1; then ok; else
        bad "fuzz replay $t (exit $?)"; tail -15 "$tmp/fz"
    fi
    echo "fuzz $t: $(tail -1 "$tmp/fz")"
done

# ---- limits: each ends in an error, never a signal
sh tests/limits.sh > "$tmp/lim.log" 2>&1
line=$(grep '^limits:' "$tmp/lim.log" | tail -1)
if [ -n "$line" ]; then
    add_suite "$line"
    grep FAIL -A5 "$tmp/lim.log" | head -40
else
    bad "limits tests did not run"; tail -5 "$tmp/lim.log"
fi
echo "$line"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
