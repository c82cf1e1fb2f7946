#!/bin/sh
# Perf map tests (docs/performance.md, "Profiling with perf"): `jit run
# --perf-map`, -g and JIT_PERF_MAP=1 write one well-formed line per function
# (entry, prange bodies), code from the disk cache too; off, nothing is
# written; an unwritable map is one warning and the same output; and, where
# perf can record here, perf report names the kernel. Maps go to
# $JIT_PERF_MAP_DIR (a temporary directory) except in the perf check, which
# needs /tmp. Prints "perfmap: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
JIT=${JIT:-build/jit}
pass=0
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: perfmap: $2"; fi; }
script=bench/kernels/mandelbrot.py
expected=$($JIT run $script bench 1)
par=tests/parallel/reductions.py
par_expected=$($JIT run $par)

# runs the jit with its map in a fresh directory $t/$1; the map is $t/$1/map
run() {
    d="$t/$1"; shift
    mkdir -p "$d"
    JIT_PERF_MAP_DIR="$d" "$@" > "$d/out" 2> "$d/err"
    echo $? > "$d/rc"
    cat "$d"/perf-*.map > "$d/map" 2>/dev/null
}
well_formed() { [ -s "$1" ] && ! grep -Evq '^[0-9a-f]+ [0-9a-f]+ [^ ].*$' "$1"; }

run off $JIT run $script bench 1
check $([ "$(cat "$t/off/out")" = "$expected" ] && [ -z "$(ls "$t/off" | grep perf-)" ]; echo $?) "off: no map"
run zero env JIT_PERF_MAP=0 $JIT run $script bench 1
check $([ -z "$(ls "$t/zero" | grep perf-)" ]; echo $?) "JIT_PERF_MAP=0: no map"

for how in flag env g; do
    case $how in
    flag) run $how $JIT run --perf-map $script bench 1 ;;
    env) run $how env JIT_PERF_MAP=1 $JIT run $script bench 1 ;;
    g) run $how $JIT run -g $script bench 1 ;;
    esac
    check $([ "$(cat "$t/$how/out")" = "$expected" ] && well_formed "$t/$how/map" &&
            grep -q ' mandelbrot.py:bench(int64) \[j[0-9]*\.bench\]$' "$t/$how/map" &&
            [ ! -s "$t/$how/err" ]; echo $?) "map with $how"
done

# prange bodies (local symbols) get lines, inside no other function's range
run par $JIT run --perf-map $par
check $([ "$(cat "$t/par/out")" = "$par_expected" ] && well_formed "$t/par/map" &&
        grep -q ' reductions.py:int_reductions.prange.0 \[' "$t/par/map" &&
        grep -q ' reductions.py:main() \[' "$t/par/map"; echo $?) "prange bodies named"
overlap=$(python3 - "$t/par/map" <<'EOF'
import sys
r = sorted((int(a, 16), int(b, 16)) for a, b, _ in (l.split(' ', 2) for l in open(sys.argv[1])))
print(sum(1 for (s, n), (t, _) in zip(r, r[1:]) if s + n > t))
EOF
)
check $([ "$overlap" = 0 ]; echo $?) "no two functions overlap"

# code loaded from the disk cache is named as well
mkdir -p "$t/cache"
run cold env JIT_CACHE_DIR="$t/cache" $JIT run --perf-map --cache $script bench 1
run warm env JIT_CACHE_DIR="$t/cache" $JIT run --perf-map --cache --profile $script bench 1
check $(grep -q "1 from the disk cache" "$t/warm/err" && well_formed "$t/warm/map" &&
        grep -q ' mandelbrot.py:bench(int64) \[jc[0-9a-f]*\.bench\]$' "$t/warm/map"; echo $?) "cached code named"

# an unwritable map: the same output, one warning
out=$(JIT_PERF_MAP_DIR=/dev/null/x $JIT run --perf-map $par 2> "$t/err")
check $([ $? = 0 ] && [ "$out" = "$par_expected" ] && [ "$(grep -c "warning: cannot write the perf map" "$t/err")" = 1 ] &&
        [ "$(wc -l < "$t/err")" = 1 ]; echo $?) "unwritable map degrades"

# perf itself, where it can record here (software clock; perf reads /tmp)
if command -v perf > /dev/null && perf record -q -e cpu-clock -o "$t/probe.data" true > /dev/null 2>&1; then
    perf record -q -e cpu-clock -o "$t/perf.data" sh -c "echo \$\$ > $t/pid; exec $JIT run --perf-map $script bench 3" \
        > /dev/null 2>&1
    pid=$(cat "$t/pid")
    top=$(perf report -i "$t/perf.data" --stdio --no-children --sort sym 2>/dev/null | grep -E '^ +[0-9]' | head -1)
    rm -f "/tmp/perf-$pid.map"
    check $(echo "$top" | grep -q 'mandelbrot.py:bench(int64)'; echo $?) "perf report names the kernel (top: $top)"
else
    echo "perfmap: perf cannot record here; skipped the perf report check"
fi

echo "perfmap: $pass passed, $fail failed"
[ "$fail" = 0 ]
