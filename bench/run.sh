#!/bin/sh
# bench/run.sh - run-time benchmark of libjit against CPython + Numba and gcc.
#
# For each kernel of bench/kernels/ (a script that runs unchanged under Numba
# and `jit run`) and its C reference bench/c/NAME.c (gcc -O3 -march=native,
# plus -ffast-math where the kernel says fastmath=True, else -ffp-contract=off
# so that the float operations are the kernel's), runs the three as whole
# processes with two repetition counts R1 < R2 and reports
#
#   per rep   (t(R2) - t(R1)) / (R2 - R1): start-up, compile and input
#             generation cancel out
#   1st       t(R1) - R1 * per rep: process start + compile + input generation
#   peak MB   maximum resident set of the R2 run (GNU time %M)
#   check     the checksums printed by the three agree (within a tolerance
#             for float kernels whose summation order may differ)
#
# then the cost of bounds checks (`jit run` vs `jit run --no-boundscheck`).
# Each time is the lowest of BENCH_TRIES runs (default 3), in CPU seconds of
# the process (user + sys; BENCH_CLOCK=wall for wall-clock time).
#
#   sh bench/run.sh                     everything (make bench)
#   BENCH_KERNELS="triad life" sh bench/run.sh
#   JIT=/path/to/jit sh bench/run.sh    another jit binary
#   BENCH_REPORT_ONLY=1 sh bench/run.sh the report of the last run's build/bench/results.tsv
#
# The last line holds the geometric means of jit/Numba and jit/C.
set -u
cd "$(dirname "$0")/.."

KERNELS=${BENCH_KERNELS:-"triad sum dtw life life_stencil mandelbrot nbody blackscholes bs_vectorize bs_vectorize_par matmul"}
TRIES=${BENCH_TRIES:-3}
OUT=build/bench
PY=${PYTHON:-python3}
mkdir -p "$OUT"
RES="$OUT/results.tsv"
# Everything single-threaded: no BLAS/OpenMP helper threads spinning in the
# Numba process (they would add CPU time that is not the kernel's).
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1
[ -n "${BENCH_REPORT_ONLY:-}" ] || : > "$RES"

# R1 R2 TOL per kernel: repetition counts (R2 - R1 reps take >= 1 s for the
# fastest implementation where that keeps the slowest under ~5 s), and
# the relative tolerance of the checksum comparison (0: must be equal).
params() {
    case $1 in
        triad)        echo 4 114 1e-12 ;;  # 1 rep = 1 pass over 3 x 64 MB
        sum)          echo 4 129 1e-9 ;;   # 1 rep = 1 reduction over 128 MB (fastmath)
        dtw)          echo 2 82 1e-12 ;;   # 1 rep = 1 DTW of 2000 x 2000
        life)         echo 50 1550 0 ;;    # 1 rep = 2 generations of 1024 x 1024
        life_stencil) echo 20 620 0 ;;     # the same as a @stencil, against Numba's @stencil
        mandelbrot)   echo 1 26 0 ;;       # 1 rep = 1 grid of 640 x 480
        nbody)        echo 100 4100 1e-6 ;; # 1 rep = 1 step of 512 bodies (fastmath)
        blackscholes) echo 5 105 1e-5 ;;   # 1 rep = 2^20 options (fastmath)
        bs_vectorize|bs_vectorize_par) echo 5 105 1e-5 ;;  # the same as @vectorize ufuncs
        matmul)       echo 1 9 1e-5 ;;     # 1 rep = 1 product 512 x 512 (fastmath)
        *)            echo "unknown kernel $1" >&2; exit 2 ;;
    esac
}

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

# --- tools -------------------------------------------------------------------
if ! "$PY" -c "import numba, numpy" 2>/dev/null; then
    echo "bench: installing numba"
    "$PY" -m pip install -q numba numpy 2>/dev/null ||
        "$PY" -m pip install -q --break-system-packages numba numpy
fi
HAVE_NUMBA=1
"$PY" -c "import numba" 2>/dev/null || { HAVE_NUMBA=0; echo "bench: numba missing, its column is skipped"; }
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
[ -x /usr/bin/time ] || echo "bench: /usr/bin/time missing, peak memory not measured"

# A private copy of the jit binary: a rebuild during the run does not mix versions.
JIT_SRC=${JIT:-build/jit}
[ -x "$JIT_SRC" ] || { echo "bench: $JIT_SRC not built (make)" >&2; exit 1; }
JIT_BIN="$OUT/jit"
cp "$JIT_SRC" "$JIT_BIN.tmp" && mv "$JIT_BIN.tmp" "$JIT_BIN"

# --- C references ------------------------------------------------------------
for k in $KERNELS; do
    if grep -q 'fastmath=True' "bench/kernels/$k.py"; then fl=-ffast-math; else fl=-ffp-contract=off; fi
    gcc -O3 -march=native $fl -o "$OUT/$k" "bench/c/$k.c" -lm || exit 1
done

# --- measuring ---------------------------------------------------------------
now_ns() { date +%s%N; }

# run_once KERNEL IMPL REPS CMD...: runs CMD once and appends the raw line
# "kernel impl reps wall_s cpu_s checksum peak_kb status" to $RES
# (cpu_s = user + sys of the process, from GNU time; wall_s from date).
run_once() {
    _k=$1 _impl=$2 _reps=$3; shift 3
    _t0=$(now_ns)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%U %S %M" -o "$OUT/time" "$@" > "$OUT/stdout" 2> "$OUT/stderr"
    else
        "$@" > "$OUT/stdout" 2> "$OUT/stderr"
    fi
    _rc=$?
    _t1=$(now_ns)
    _st=ok
    if [ $_rc -ne 0 ]; then
        _st="exit$_rc"
        echo "bench: $_k/$_impl $_reps failed (status $_rc):" >&2
        tail -n 3 "$OUT/stderr" >&2
    fi
    set -- 0 0 0
    [ -x /usr/bin/time ] && set -- $(tail -n 1 "$OUT/time")
    _sum=$(tail -n 1 "$OUT/stdout"); [ -n "$_sum" ] || _sum=-
    awk -v a="$_t0" -v b="$_t1" -v u="$1" -v s="$2" -v m="$3" -v line="$_k $_impl $_reps" -v sum="$_sum" -v st="$_st" \
        'BEGIN { printf "%s %.6f %.2f %s %d %s\n", line, (b - a) / 1e9, u + s, sum, m, st }' >> "$RES"
}

# Tries are interleaved (all runs of a kernel, then all again) so that a burst
# of load on the machine does not hit every try of one measurement.
[ -n "${BENCH_REPORT_ONLY:-}" ] && KERNELS_RUN="" || KERNELS_RUN=$KERNELS
for k in $KERNELS_RUN; do
    set -- $(params "$k"); r1=$1 r2=$2
    echo "bench: $k (R1=$r1, R2=$r2)" >&2
    try=0
    while [ $try -lt "$TRIES" ]; do
        try=$((try + 1))
        for r in "$r1" "$r2"; do
            run_once "$k" c "$r" "$OUT/$k" "$r"
            [ $HAVE_NUMBA = 1 ] && run_once "$k" numba "$r" "$PY" "bench/kernels/$k.py" "$r"
            run_once "$k" jit "$r" "$JIT_BIN" run "bench/kernels/$k.py" bench "$r"
            run_once "$k" jit_nobc "$r" "$JIT_BIN" run --no-boundscheck "bench/kernels/$k.py" bench "$r"
        done
    done
done

# Compile time of the jit, apart from start-up and input generation: the
# compile of `bench` (the kernel, what it calls and the input generation) as
# `jit run --profile` reports it, cold (empty disk cache) and from the disk
# cache (loading the object code: the cost of a later process).
CRES="$OUT/compile.tsv"
prof_ms() { sed -n 's/^profile: bench: .* compiled in \([0-9.]*\) ms.*/\1/p' "$OUT/stderr" | head -n 1; }
if [ -z "${BENCH_REPORT_ONLY:-}" ]; then
    : > "$CRES"
    for k in $KERNELS; do
        echo "bench: $k (compile time)" >&2
        try=0
        while [ $try -lt "$TRIES" ]; do
            try=$((try + 1))
            rm -rf "$OUT/cache"
            JIT_CACHE_DIR="$OUT/cache" "$JIT_BIN" run --cache --profile "bench/kernels/$k.py" bench 1 \
                > /dev/null 2> "$OUT/stderr" || { echo "bench: $k: jit run --cache failed" >&2; continue; }
            cold=$(prof_ms)
            JIT_CACHE_DIR="$OUT/cache" "$JIT_BIN" run --cache --profile "bench/kernels/$k.py" bench 1 \
                > /dev/null 2> "$OUT/stderr" || continue
            grep -q "1 from the disk cache" "$OUT/stderr" && echo "$k ${cold:--} $(prof_ms)" >> "$CRES"
        done
    done
    rm -rf "$OUT/cache"
fi

# --- report ------------------------------------------------------------------
# Times are CPU seconds (user + sys) by default: this machine is shared, and CPU
# time is much less disturbed by other processes than wall time. BENCH_CLOCK=wall
# uses wall time instead (also the fallback without GNU time).
CLOCK=${BENCH_CLOCK:-cpu}
[ -x /usr/bin/time ] || CLOCK=wall
tols=""
for k in $KERNELS; do set -- $(params "$k"); tols="$tols $k=$3"; done

echo
echo "libjit $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo +dirty)," \
     "gcc $(gcc -dumpfullversion 2>/dev/null), numba $("$PY" -c 'import numba; print(numba.__version__)' 2>/dev/null || echo -)," \
     "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $CLOCK time, best of $TRIES runs"
awk -v kernels="$KERNELS" -v tols="$tols" -v clock="$CLOCK" '
function rel(a, b,   d, m) {           # relative difference of two checksums
    d = a - b; if (d < 0) d = -d
    m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b); if (m < 1) m = 1
    return d / m
}
function ms(x) { return x == "" ? "-" : sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : x >= 1 ? "%.2f" : "%.3f", x) }
function ratio(a, b) { return (a == "" || b == "" || a <= 0 || b <= 0) ? "-" : sprintf("%.2f", a / b) }
# raw lines: kernel impl reps wall cpu checksum peak_kb status
{
    k = $1; im = $2; r = $3; tm = (clock == "wall") ? $4 : $5
    if (!((k, im) in ok)) ok[k, im] = 1
    if ($8 != "ok") { ok[k, im] = 0; next }
    if (!(k in r1) || r < r1[k]) r1[k] = r
    if (!(k in r2) || r > r2[k]) r2[k] = r
    if (!((k, im, r) in t) || tm < t[k, im, r]) t[k, im, r] = tm
    if ((k, im, r) in sum && sum[k, im, r] != $6) unstable[k, im] = 1
    sum[k, im, r] = $6
    if ($7 > mem[k, im, r]) mem[k, im, r] = $7
}
END {
    split(tols, tl, " "); for (i in tl) { split(tl[i], kv, "="); tol[kv[1]] = kv[2] }
    n = split(kernels, K, " "); split("c numba jit jit_nobc", IM, " ")
    printf "\n%-16s %9s %8s %8s %8s %9s %6s %9s %8s %17s  %s\n", "", "", "ms/rep", "ms/rep", "ms/rep", "", "",
        "1st ms", "1st ms", "peak MB", ""
    printf "%-16s %9s %8s %8s %8s %9s %6s %9s %8s %17s  %s\n", "kernel", "R1/R2", "C", "Numba", "jit", "jit/Numba", "jit/C",
        "Numba", "jit", "C/Numba/jit", "checksums"
    for (i = 1; i <= n; i++) {
        k = K[i]; a = r1[k]; b = r2[k]
        for (j = 1; j <= 4; j++) {
            im = IM[j]; per[im] = ""; first[im] = ""
            if (ok[k, im] && a < b) {
                per[im] = (t[k, im, b] - t[k, im, a]) / (b - a) * 1000
                first[im] = t[k, im, a] * 1000 - a * per[im]
            }
        }
        # every checksum against the one of C at the same repetition count
        chk = ok[k, "c"] ? "agree" : "C FAILED"
        for (j = 2; j <= 4; j++) {
            im = IM[j]
            if (!((k, im) in ok)) continue
            if (!ok[k, im]) { chk = im " FAILED"; continue }
            if (rel(sum[k, im, b], sum[k, "c", b]) > tol[k] || rel(sum[k, im, a], sum[k, "c", a]) > tol[k])
                chk = "MISMATCH " im ": " sum[k, im, b] " vs C " sum[k, "c", b]
            if (unstable[k, im]) chk = chk ", " im " varies between runs"
        }
        for (j = 1; j <= 4; j++)
            if (per[IM[j]] != "" && per[IM[j]] <= 0) chk = chk " (noisy: raise R2)"
        if (per["c"] > 0 && per["numba"] > 0 && per["jit"] > 0) {   # kernels with all three
            gn += log(per["jit"] / per["numba"]); gc += log(per["jit"] / per["c"]); nn++
        }
        printf "%-16s %9s %8s %8s %8s %9s %6s %9s %8s %5.0f/%5.0f/%5.0f  %s\n", k, a "/" b, ms(per["c"]), ms(per["numba"]), ms(per["jit"]),
            ratio(per["jit"], per["numba"]), ratio(per["jit"], per["c"]), ms(first["numba"]), ms(first["jit"]),
            mem[k, "c", b] / 1024, mem[k, "numba", b] / 1024, mem[k, "jit", b] / 1024, chk
        bc[k] = per["jit"]; nobc[k] = per["jit_nobc"]
    }
    printf "ms/rep = (t(R2) - t(R1)) / (R2 - R1);  1st ms = t(R1) - R1 * ms/rep: start-up + compile + input generation\n"
    printf "\nbounds checks: jit run vs jit run --no-boundscheck\n"
    printf "%-16s %12s %12s %9s\n", "kernel", "checked ms", "unchecked ms", "cost"
    for (i = 1; i <= n; i++) {
        k = K[i]
        printf "%-16s %12s %12s %9s\n", k, ms(bc[k]), ms(nobc[k]),
            (bc[k] > 0 && nobc[k] > 0) ? sprintf("%+.0f%%", (bc[k] / nobc[k] - 1) * 100) : "-"
    }
    printf "\ngeometric mean over %d kernels: jit/Numba %s   jit/C %s\n", nn,
        nn ? sprintf("%.2f", exp(gn / nn)) : "-", nn ? sprintf("%.2f", exp(gc / nn)) : "-"
}' "$RES"

# compile times: best of the tries
[ -s "$CRES" ] && awk -v kernels="$KERNELS" '
{ if (!($1 in c) || $2 < c[$1]) c[$1] = $2; if (!($1 in w) || $3 < w[$1]) w[$1] = $3 }
END {
    n = split(kernels, K, " ")
    printf "\ncompile time of jit run FILE bench (kernel + driver + input generation; --profile, best of runs)\n"
    printf "%-16s %14s %16s\n", "kernel", "cold ms", "disk cache ms"
    for (i = 1; i <= n; i++) {
        k = K[i]; if (!(k in c)) continue
        printf "%-16s %14.1f %16.2f\n", k, c[k], w[k]
        m++; if (c[k] < 20) under++; g += log(c[k])
    }
    if (m) printf "cold compile under 20 ms: %d of %d kernels; geometric mean %.1f ms\n", under, m, exp(g / m)
}' "$CRES"

# start-up of the jit command (process start to exit, best of 20)
echo
JIT="$JIT_BIN" sh bench/startup.sh 20 || true
exit 0
