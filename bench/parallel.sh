#!/bin/sh
# bench/parallel.sh - scaling of prange kernels: libjit against Numba's
# parallel=True on the same scripts (bench/parallel/*.py), with 1 thread and
# with every core (BENCH_THREADS overrides: "1 2 4 8 16").
#
# Each kernel runs as a whole process with two repetition counts R1 < R2;
# per rep = (wall(R2) - wall(R1)) / (R2 - R1), so start-up, compile and input
# generation cancel out. Wall-clock time (threads!), lowest of BENCH_TRIES
# (default 3). Checksums of libjit and Numba must agree.
#
#   sh bench/parallel.sh                (make bench-parallel)
#   BENCH_KERNELS="psum pempty" BENCH_THREADS="1 2" sh bench/parallel.sh
#
# Columns: ms per rep for libjit and Numba at each thread count, the
# speed-up over the same implementation's 1-thread time, the efficiency
# (speed-up / threads), and jit/Numba (< 1: libjit faster).
set -u
cd "$(dirname "$0")/.."
KERNELS=${BENCH_KERNELS:-"psum pmandel pnbody plife pbs_vectorize pempty"}
NCPU=$(nproc)
THREADS=${BENCH_THREADS:-"1 $NCPU"}
TRIES=${BENCH_TRIES:-3}
PY=${PYTHON:-python3}
OUT=build/bench
mkdir -p "$OUT"
JIT_SRC=${JIT:-build/jit}
[ -x "$JIT_SRC" ] || { echo "bench: $JIT_SRC not built (make)" >&2; exit 1; }
cp "$JIT_SRC" "$OUT/jit.par" || exit 1
"$PY" -c "import numba" 2>/dev/null || "$PY" -m pip install -q numba numpy

params() {
    case $1 in
        psum)    echo 4 104 ;;     # 1 rep = 1 sum of 2^24 float64 (128 MB)
        pmandel) echo 2 42 ;;      # 1 rep = 640 x 480 grid, 200 iterations
        pnbody)  echo 2 42 ;;      # 1 rep = 2048^2 interactions
        plife)   echo 10 410 ;;    # 1 rep = 1 generation of 1024 x 1024
        pbs_vectorize) echo 5 65 ;; # 1 rep = 2^20 options through two parallel @vectorize ufuncs
        pempty)  echo 1000 101000 ;; # 1 rep = 1 prange of 64 trivial iterations
        *) echo "unknown kernel $1" >&2; exit 2 ;;
    esac
}

now_ns() { date +%s%N; }
# wall seconds of the lowest of TRIES runs; the checksum into $OUT/chk
timed() {
    best=""
    i=0
    while [ $i -lt "$TRIES" ]; do
        t0=$(now_ns)
        "$@" > "$OUT/par.out" 2> "$OUT/par.err" || { echo "bench: failed: $*" >&2; tail -3 "$OUT/par.err" >&2; echo nan; return; }
        t1=$(now_ns)
        t=$(( t1 - t0 ))
        if [ -z "$best" ] || [ $t -lt "$best" ]; then best=$t; fi
        i=$((i + 1))
    done
    tail -n 1 "$OUT/par.out" > "$OUT/chk"
    echo "$best"
}

printf "%-8s %3s | %10s %10s | %8s %8s | %6s %6s | %9s\n" kernel thr "jit ms" "numba ms" "jit x" "numba x" "jit e" "nb e" "jit/numba"
for k in $KERNELS; do
    set -- $(params "$k"); r1=$1 r2=$2
    j1="" n1=""
    for t in $THREADS; do
        a=$(timed "$OUT/jit.par" run "bench/parallel/$k.py" bench "$r1" --threads "$t")
        b=$(timed "$OUT/jit.par" run "bench/parallel/$k.py" bench "$r2" --threads "$t")
        jchk=$(cat "$OUT/chk")
        c=$(NUMBA_NUM_THREADS=$t timed "$PY" "bench/parallel/$k.py" "$r1")
        d=$(NUMBA_NUM_THREADS=$t timed "$PY" "bench/parallel/$k.py" "$r2")
        nchk=$(cat "$OUT/chk")
        [ "$jchk" = "$nchk" ] || echo "bench: $k checksums differ: jit $jchk numba $nchk" >&2
        jm=$(awk -v a="$a" -v b="$b" -v n=$((r2 - r1)) 'BEGIN { printf "%.4f", (b - a) / n / 1e6 }')
        nm=$(awk -v a="$c" -v b="$d" -v n=$((r2 - r1)) 'BEGIN { printf "%.4f", (b - a) / n / 1e6 }')
        [ -n "$j1" ] || { j1=$jm; n1=$nm; }
        awk -v k="$k" -v t="$t" -v jm="$jm" -v nm="$nm" -v j1="$j1" -v n1="$n1" 'BEGIN {
            js = j1 / jm; ns = n1 / nm
            printf "%-8s %3d | %10.4f %10.4f | %8.2f %8.2f | %5.0f%% %5.0f%% | %9.2f\n", k, t, jm, nm, js, ns, 100 * js / t, 100 * ns / t, jm / nm }'
    done
done
