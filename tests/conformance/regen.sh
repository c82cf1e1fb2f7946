#!/bin/sh
# Regenerates the expected output tests/conformance/NNN_topic.out of every
# conformance script from CPython + Numba (tests/oracle.py), with the arguments of
# its "# args: FUNC ARG..." line. A script that the oracle cannot run keeps no .out
# and is reported: Numba must accept every conformance test. (np.dot needs SciPy
# installed next to Numba.)
#   sh tests/conformance/regen.sh [FILE.py ...]
cd "$(dirname "$0")/../.." || exit 2
dir=tests/conformance
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then files="$*"; else files="$dir/[0-9]*.py"; fi
for f in $files; do
    args=$(sed -n 's/^# args: //p' "$f" | head -1)
    # shellcheck disable=SC2086
    if python3 tests/oracle.py "$f" $args > "$tmp/out" 2> "$tmp/err"; then
        cp "$tmp/out" "${f%.py}.out"
    else
        echo "oracle failed: $f"
        tail -3 "$tmp/err"
        rm -f "${f%.py}.out"
        status=1
    fi
done
exit $status
