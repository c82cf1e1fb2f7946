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
# Each measurement is the fastest of BENCH_TRIES runs (default 2).
#
#   sh bench/run.sh                     everything (make bench)
#   BENCH_KERNELS="triad life" sh bench/run.sh
#   JIT=/path/to/jit sh bench/run.sh    another jit binary
#   BENCH_REPORT_ONLY=1 sh bench/run.sh the report of the last run's build/bench/results.tsv
#
# The last line holds the geometric means of jit/Numba and jit/C.
set -u
cd "$(dirname "$0")/.."

KERNELS=${BENCH_KERNELS:-"triad sum dtw life mandelbrot nbody blackscholes matmul"}
TRIES=${BENCH_TRIES:-2}
OUT=build/bench
PY=${PYTHON:-python3}
mkdir -p "$OUT"
RES="$OUT/results.tsv"
[ -n "${BENCH_REPORT_ONLY:-}" ] || : > "$RES"

# R1 R2 TOL per kernel: repetition counts (each R2 process runs ~0.3-3 s) and
# the relative tolerance of the checksum comparison (0: must be equal).
params() {
    case $1 in
        triad)        echo 4 24 1e-12 ;;   # 1 rep = 1 pass over 3 x 64 MB
        sum)          echo 4 24 1e-9 ;;    # 1 rep = 1 reduction over 128 MB (fastmath)
        dtw)          echo 2 12 1e-12 ;;   # 1 rep = 1 DTW of 2000 x 2000
        life)         echo 20 200 0 ;;     # 1 rep = 2 generations of 1024 x 1024
        mandelbrot)   echo 2 10 0 ;;       # 1 rep = 1 grid of 640 x 480
        nbody)        echo 40 400 1e-6 ;;  # 1 rep = 1 step of 512 bodies (fastmath)
        blackscholes) echo 3 30 1e-5 ;;    # 1 rep = 2^20 options (fastmath)
        matmul)       echo 1 5 1e-5 ;;     # 1 rep = 1 product 512 x 512 (fastmath)
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

# measure KERNEL IMPL REPS CMD...: fastest of TRIES runs; appends one line
# "kernel impl reps seconds checksum peak_kb status" to $RES.
measure() {
    k=$1 impl=$2 reps=$3; shift 3
    best="" mem=0 sum="-" st=ok
    i=0
    while [ $i -lt "$TRIES" ]; do
        i=$((i + 1))
        t0=$(now_ns)
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f %M -o "$OUT/mem" "$@" > "$OUT/stdout" 2> "$OUT/stderr"
        else
            echo 0 > "$OUT/mem"; "$@" > "$OUT/stdout" 2> "$OUT/stderr"
        fi
        rc=$?
        t1=$(now_ns)
        if [ $rc -ne 0 ]; then
            st="exit$rc"
            echo "bench: $k/$impl $reps failed (status $rc):" >&2
            tail -n 3 "$OUT/stderr" >&2
            break
        fi
        s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then best=$s; fi
        m=$(tail -n 1 "$OUT/mem"); [ "$m" -gt "$mem" ] 2>/dev/null && mem=$m
        sum=$(tail -n 1 "$OUT/stdout")
    done
    echo "$k $impl $reps ${best:-0} ${sum:--} $mem $st" >> "$RES"
}

[ -n "${BENCH_REPORT_ONLY:-}" ] && KERNELS_RUN="" || KERNELS_RUN=$KERNELS
for k in $KERNELS_RUN; do
    set -- $(params "$k"); r1=$1 r2=$2
    echo "bench: $k (R1=$r1, R2=$r2)" >&2
    for r in "$r1" "$r2"; do
        measure "$k" c "$r" "$OUT/$k" "$r"
        [ $HAVE_NUMBA = 1 ] && measure "$k" numba "$r" "$PY" "bench/kernels/$k.py" "$r"
        measure "$k" jit "$r" "$JIT_BIN" run "bench/kernels/$k.py" bench "$r"
        measure "$k" jit_nobc "$r" "$JIT_BIN" run --no-boundscheck "bench/kernels/$k.py" bench "$r"
    done
done

# --- report ------------------------------------------------------------------
tols=""
for k in $KERNELS; do set -- $(params "$k"); tols="$tols $k=$3"; done

echo
echo "libjit $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo +dirty), $(gcc -dumpfullversion 2>/dev/null | sed 's/^/gcc /'), numba $("$PY" -c 'import numba; print(numba.__version__)' 2>/dev/null || echo -), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), best of $TRIES"
awk -v kernels="$KERNELS" -v tols="$tols" '
function rel(a, b,   d, m) {           # relative difference of two checksums
    d = a - b; if (d < 0) d = -d
    m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b); if (m < 1) m = 1
    return d / m
}
function ms(x) { return x == "" ? "-" : sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : x >= 1 ? "%.2f" : "%.3f", x) }
function ratio(a, b) { return (a == "" || b == "" || b <= 0) ? "-" : sprintf("%.2f", a / b) }
{
    if (!(($1, $2) in ok)) ok[$1, $2] = 1
    if ($7 != "ok") ok[$1, $2] = 0
    if ($3 + 0 > r2[$1] + 0) r2[$1] = $3; if (!($1 in r1) || $3 + 0 < r1[$1] + 0) r1[$1] = $3
    t[$1, $2, $3] = $4; sum[$1, $2, $3] = $5; mem[$1, $2, $3] = $6
}
END {
    split(tols, tl, " "); for (i in tl) { split(tl[i], kv, "="); tol[kv[1]] = kv[2] }
    n = split(kernels, K, " ")
    printf "\n%-13s %9s %9s %9s %9s %6s %8s %8s %17s  %s\n", "kernel", "C ms/rep", "Numba", "jit", "jit/Numba", "jit/C",
        "Numba 1st", "jit 1st", "peak MB C/Nb/jit", "check"
    for (i = 1; i <= n; i++) {
        k = K[i]; a = r1[k]; b = r2[k]
        for (j = 1; j <= 4; j++) {
            im = j == 1 ? "c" : j == 2 ? "numba" : j == 3 ? "jit" : "jit_nobc"
            per[im] = ""; first[im] = ""
            if ((k, im) in ok && ok[k, im]) {
                per[im] = (t[k, im, b] - t[k, im, a]) / (b - a) * 1000
                first[im] = (t[k, im, a] * 1000 - a * per[im])
            }
        }
        # every checksum against the one of C at the same repetition count
        chk = ok[k, "c"] ? "ok" : "C FAILED"
        for (j = 2; j <= 4; j++) {
            im = j == 2 ? "numba" : j == 3 ? "jit" : "jit_nobc"
            if (!((k, im) in ok)) continue
            if (!ok[k, im]) { chk = im " FAILED"; continue }
            if (rel(sum[k, im, b], sum[k, "c", b]) > tol[k] || rel(sum[k, im, a], sum[k, "c", a]) > tol[k])
                chk = "MISMATCH " im ": " sum[k, im, b] " vs C " sum[k, "c", b]
        }
        if (per["c"] != "" && per["numba"] != "" && per["jit"] != "") {
            if (per["c"] <= 0 || per["numba"] <= 0 || per["jit"] <= 0) chk = chk " (noisy: raise R2)"
        }
        if (per["jit"] != "" && per["numba"] > 0 && per["jit"] > 0) { gn += log(per["jit"] / per["numba"]); nn++ }
        if (per["jit"] != "" && per["c"] > 0 && per["jit"] > 0) { gc += log(per["jit"] / per["c"]); nc++ }
        printf "%-13s %9s %9s %9s %9s %6s %8s %8s %5.0f/%5.0f/%5.0f  %s\n", k, ms(per["c"]), ms(per["numba"]), ms(per["jit"]),
            ratio(per["jit"], per["numba"]), ratio(per["jit"], per["c"]), ms(first["numba"]), ms(first["jit"]),
            mem[k, "c", b] / 1024, mem[k, "numba", b] / 1024, mem[k, "jit", b] / 1024, chk
        bc[k] = per["jit"]; nobc[k] = per["jit_nobc"]
    }
    printf "(ms/rep: (t(R2) - t(R1)) / (R2 - R1); 1st ms: t(R1) - R1 * ms/rep = start-up + compile + input generation)\n"
    printf "\nbounds checks: jit run vs jit run --no-boundscheck\n"
    printf "%-13s %12s %12s %9s\n", "kernel", "checked ms", "unchecked ms", "cost"
    for (i = 1; i <= n; i++) {
        k = K[i]
        c = (bc[k] != "" && nobc[k] != "" && nobc[k] > 0) ? sprintf("%+.0f%%", (bc[k] / nobc[k] - 1) * 100) : "-"
        printf "%-13s %12s %12s %9s\n", k, ms(bc[k]), ms(nobc[k]), c
    }
    printf "\ngeometric mean over %d kernels: jit/Numba %s   jit/C %s\n", nn,
        nn ? sprintf("%.2f", exp(gn / nn)) : "-", nc ? sprintf("%.2f", exp(gc / nc)) : "-"
}' "$RES"
