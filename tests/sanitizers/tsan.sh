#!/bin/sh
# make tsan: the unit tests that start threads, under ThreadSanitizer, in one
# process (CK_FORK=no), each test case on its own so a report names it.
#   api/test_threads     8 host threads loading, compiling fresh signatures
#                        and calling at once on one context
#   alloc, meminfo       atomic counters, refcounts hammered from threads
#   error, print         thread-local pending errors and print buffers
# Prints "tsan: N passed, N failed".
bin=${1:-build-tsan/tests/unit_tests}
pass=0
fail=0
for c in api alloc meminfo error print; do
    if CK_RUN_CASE=$c "$bin" > /tmp/tsan.$$.log 2>&1 && ! grep -q "WARNING: ThreadSanitizer" /tmp/tsan.$$.log; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: tsan $c"
        grep -A30 "WARNING: ThreadSanitizer" /tmp/tsan.$$.log | head -60
        tail -5 /tmp/tsan.$$.log
    fi
done
rm -f /tmp/tsan.$$.log
echo "tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
