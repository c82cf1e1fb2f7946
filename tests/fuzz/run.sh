#!/bin/sh
# Runs libFuzzer targets (built by `make fuzz` into $FUZZ_BUILD/fuzz) for
# FUZZ_SECONDS each, 1 s per input at most (5 s for scripts), niced.
#   FUZZ_BUILD=build-fuzz FUZZ_SECONDS=180 sh tests/fuzz/run.sh script npy cache sig cli
# The working corpus of target T is $FUZZ_BUILD/corpus/T (new finds land
# there), seeded from tests/fuzz/corpus/T and, for scripts, every test script
# and example. A crash or hang leaves its input in $FUZZ_BUILD/crashes/T:
# fix it, then copy the input to tests/fuzz/crashes/T so `make test` replays it.
# Prints one line per target: "fuzz T: N execs in S s, status".
cd "$(dirname "$0")/../.." || exit 2
FB=${FUZZ_BUILD:-build-fuzz}
SECS=${FUZZ_SECONDS:-180}

status=0
for t in "$@"; do
    corpus="$FB/corpus/$t"
    mkdir -p "$corpus" "$FB/crashes/$t" "$FB/logs"
    seeds="tests/fuzz/corpus/$t"
    extra=""
    limit=1
    # script inputs go through LLVM's optimizer, which alone takes up to half
    # a second on the largest seeds on a loaded machine: 5 s per input there
    [ "$t" = script ] && seeds="$seeds tests/scripts tests/errors examples tests/conformance" &&
        extra="-dict=tests/fuzz/script.dict -max_len=4096" && limit=${FUZZ_SCRIPT_TIMEOUT:-5}
    log="$FB/logs/$t.log"
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=0 \
    LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0 \
    nice -n 10 "$FB/fuzz/fuzz_$t" "$corpus" $seeds -max_total_time="$SECS" -timeout="$limit" -rss_limit_mb=4096 \
        -artifact_prefix="$FB/crashes/$t/" -print_final_stats=1 $extra \
        > "$log" 2>&1
    rc=$?
    execs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
    if [ $rc -eq 0 ]; then st=ok; else st="FAILED (exit $rc, see $log and $FB/crashes/$t)"; status=1; fi
    echo "fuzz $t: $execs execs in $SECS s, $st"
done
exit $status
