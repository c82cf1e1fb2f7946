#!/bin/sh
# make tsan: the unit tests that start threads, under ThreadSanitizer, in one
# process (CK_FORK=no), one test case at a time so a report names it.
#   api/api            8 host threads loading, compiling fresh signatures
#                      and calling at once on one context
#   parallel/*         prange's runtime (rt_par_run) and parallel kernels
#                      called from many host threads (OpenMP: LLVM's libomp)
#   runtime/alloc, meminfo, error, print
#                      atomic counters and refcounts hammered from threads,
#                      thread-local pending errors and print buffers
# Prints "tsan: N passed, N failed".
bin=${1:-build-tsan/tests/unit_tests}
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for sc in api:api parallel:runtime parallel:api runtime:alloc runtime:meminfo runtime:error runtime:print; do
    if CK_RUN_SUITE=${sc%%:*} CK_RUN_CASE=${sc#*:} "$bin" > "$log" 2>&1 &&
        ! grep -q "WARNING: ThreadSanitizer" "$log"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: tsan $sc"
        grep -A30 "WARNING: ThreadSanitizer" "$log" | head -60
        tail -5 "$log"
    fi
    echo "tsan $sc: $(grep -E '^[0-9]+%: Checks' "$log" | tail -1)"
done
echo "tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
