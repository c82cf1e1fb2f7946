#!/bin/sh
# Conformance suite against CPython + Numba (see regen.sh for the expected outputs).
#
#   sh tests/conformance/run.sh [FILE.py ...]      (default: every test of the suite)
#
#   tests/conformance/NNN_topic.py   `jit run FILE [FUNC ARG...]` (from a first-lines
#       "# args: FUNC ARG..." comment, default main) must exit 0 and print the
#       NNN_topic.out beside it: exact, except that float tokens may differ by a
#       relative 1e-9 (compare.py)
#   tests/conformance/errors/*.py    must fail with exit status 1 (never a signal) and
#       print on stderr, for each
#         "# error: LINE:COL: text"   a line "FILE:LINE:COL: error: ..." containing text
#                                      ("-" for LINE:COL: "FILE: error: ..." )
#         "# raises: LINE: Kind: msg" the text "FILE:LINE: Kind: msg"
#
# Prints a FAIL line (with a diff or the stderr) per failure and ends with
# "conformance: N passed, N failed"; exit status 1 when anything failed.
# JIT (default build/jit) and JIT_FLAGS (e.g. "-O0" or "--no-boundscheck") are
# taken from the environment.
cd "$(dirname "$0")/../.." || exit 2
JIT=${JIT:-build/jit}
dir=tests/conformance
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
script_args() { sed -n 's/^# args: //p' "$1" | head -1; }

if [ $# -gt 0 ]; then files="$*"; else files="$dir/*.py $dir/errors/*.py"; fi

for f in $files; do
    [ -f "$f" ] || continue
    case "$f" in */compare.py) continue ;; esac
    args=$(script_args "$f")
    # shellcheck disable=SC2086
    timeout 60 $JIT run "$f" $args $JIT_FLAGS > "$tmp/out" 2> "$tmp/err"
    rc=$?
    case "$f" in
    */errors/*)
        if [ $rc -ne 1 ]; then
            bad "$f: exit $rc, wanted 1"; head -5 "$tmp/err"; head -5 "$tmp/out"; continue
        fi
        missing=""
        if grep -q '^# error: ' "$f"; then
            sed -n 's/^# error: //p' "$f" > "$tmp/wants"
            while IFS= read -r want; do
                pos=${want%%: *}
                msg=${want#*: }
                if [ "$pos" = "-" ]; then pre="$f: error: "; else pre="$f:$pos: error: "; fi
                grep -F -- "$pre" "$tmp/err" | grep -qF -- "$msg" || missing="$missing
  wanted: $pre...$msg..."
            done < "$tmp/wants"
        elif grep -q '^# raises: ' "$f"; then
            want=$(sed -n 's/^# raises: //p' "$f" | head -1)
            grep -qF -- "$f:$want" "$tmp/err" || missing="
  wanted: $f:$want"
        else
            missing="
  no '# error:' or '# raises:' line in the test"
        fi
        if [ -z "$missing" ]; then ok; else
            bad "$f$missing"; sed 's/^/  got:    /' "$tmp/err" | head -6
        fi
        ;;
    *)
        exp="${f%.py}.out"
        if [ ! -f "$exp" ]; then bad "$f: no $exp (run tests/conformance/regen.sh)"; continue; fi
        if [ $rc -eq 0 ] && python3 "$dir/compare.py" "$exp" "$tmp/out" > "$tmp/cmp"; then ok; else
            if [ $rc -ne 0 ]; then bad "$f (exit $rc)"; else bad "$f: $(cat "$tmp/cmp")"; fi
            diff "$exp" "$tmp/out" | head -12
            head -5 "$tmp/err"
        fi
        ;;
    esac
done

echo "conformance: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
