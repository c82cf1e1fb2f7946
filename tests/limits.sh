#!/bin/sh
# Limits that end in errors, never signals (docs/reliability.md). Each case
# makes its input on the fly, runs `jit`, and checks the exit status (1 for
# an error, 0 for success; a signal is >= 128) and the message. Ends with
# "limits: N passed, N failed".
#   deep      nesting of parentheses, blocks, loops, unary operators,
#             operator chains of 10^5 terms, calls 5000 functions deep:
#             compiled, or refused naming the limit
#   bytes     invalid UTF-8, NUL bytes, a binary file, ambiguous tabs, int
#             literals no int64 holds: errors at file:line:col; a BOM, CRLF,
#             lone CR and no final newline work
#   sizes     a .npy header that claims more data than the file holds
#   faults    JIT_FAULT_ALLOC=N for every allocation N of a compile and a run:
#             each run ends in a clean MemoryError (exit 1) or succeeds
cd "$(dirname "$0")/.." || exit 2
JIT=${JIT:-build/jit}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; head -3 "$tmp/err"; }

# expect_err NAME WANT [jit args...]: exit 1 and WANT in stderr
expect_err() {
    name=$1 want=$2
    shift 2
    timeout 60 "$JIT" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -qF -- "$want" "$tmp/err"; then ok; else bad "$name: exit $rc, wanted '$want'"; fi
}

# expect_out NAME WANT [jit args...]: exit 0 and stdout equal to WANT
expect_out() {
    name=$1 want=$2
    shift 2
    timeout 60 "$JIT" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = "$want" ]; then ok; else
        bad "$name: exit $rc, output '$(head -c 100 "$tmp/out")', wanted '$want'"
    fi
}

gen() { python3 -c "$2" > "$tmp/$1.py"; }

# ---- deep nesting: every stage (parse, infer, lower, printers) at each limit
gen parens "print('def main():\n    return ' + '(' * 100000 + '1' + ')' * 100000)"
gen unary "print('def main():\n    return ' + '-' * 100000 + '1')"
gen nots "print('def main():\n    return ' + 'not ' * 100000 + 'True')"
gen lists "print('def main():\n    return ' + '[' * 100000 + '1' + ']' * 100000)"
gen calls "print('def f(x):\n    return x\ndef main():\n    return ' + 'f(' * 100000 + '1' + ')' * 100000)"
gen subs "print('import numpy as np\ndef main():\n    a = np.zeros(3, np.int64)\n    return ' + 'a[' * 100000 + '0' + ']' * 100000)"
gen ifexp "print('def main():\n    x = 1\n    return ' + ' if x else '.join(['1'] * 100000))"
gen pow "print('def main():\n    x = 1\n    return ' + ' ** '.join(['x'] * 100000))"
gen plus "print('def main():\n    x = 1\n    return ' + ' + '.join(['x'] * 100000))"
gen ands "print('def main():\n    x = 1\n    return ' + ' and '.join(['x'] * 100000))"
gen attrs "print('import numpy as np\ndef main():\n    a = np.zeros((2, 3))\n    return a' + '.T' * 100000 + '.shape')"
gen blocks "print('def main():\n    x = 0\n' + ''.join('    ' * (i + 1) + 'if x == 0:\n' for i in range(300)) + '    ' * 301 + 'x = 1\n    return x')"
gen loops "print('def main():\n    x = 0\n' + ''.join('    ' * (i + 1) + 'for i%d in range(1):\n' % i for i in range(99)) + '    ' * 100 + 'x += 1\n    return x')"
gen helpers "print('def f0(x):\n    return x\n' + ''.join('def f%d(x):\n    return f%d(x) + 1\n' % (i, i - 1) for i in range(1, 5000)) + 'def main():\n    return f4999(0)')"
for f in parens unary nots lists calls subs ifexp pow; do
    expect_err "deep $f" "$tmp/$f.py:" run "$tmp/$f.py"
    grep -qE "nested too deeply|too many" "$tmp/err" || bad "deep $f: the message names no limit"
    expect_err "deep $f (check)" "nested too deeply" check "$tmp/$f.py"
done
for f in plus ands attrs; do
    expect_err "chain $f" "expression nested too deeply (more than 3000 levels)" run "$tmp/$f.py"
    expect_err "chain $f (ir)" "more than 3000 levels" ir "$tmp/$f.py" main --no-opt
done
expect_err "deep blocks" "too many levels of indentation (limit 100)" run "$tmp/blocks.py"
expect_err "deep loops" "loops nested more than 64 deep" run "$tmp/loops.py"
expect_err "deep call chain" "too many nested specializations" run "$tmp/helpers.py"
# just under the limits: compiled, at -O0 and -O3, and the AST/IR printers cope
gen under "print('def main():\n    x = 1\n    return ' + ' + '.join(['x'] * 2990))"
gen under2 "print('def main():\n    x = 1\n    return ' + '(' * 190 + 'x' + ')' * 190)"
gen cmp "print('def main():\n    x = 1\n    return ' + ' < '.join(['x'] * 100000))"
expect_out "2990 terms" 2990 run "$tmp/under.py"
expect_out "2990 terms -O0" 2990 run "$tmp/under.py" -O0
expect_out "190 parentheses" 1 run "$tmp/under2.py"
expect_out "comparison chain of 10^5" False run "$tmp/cmp.py"
JIT_DUMP=ast,types timeout 60 "$JIT" run "$tmp/under.py" > /dev/null 2> "$tmp/err"
if [ $? -eq 0 ]; then ok; else bad "JIT_DUMP=ast,types on 2990 terms"; fi

# ---- source bytes
printf 'def main():\n    x = "\377"\n    return 1\n' > "$tmp/u1.py"
printf 'def main():\n    return 1 # \355\240\200\n' > "$tmp/u2.py"
printf 'def main():\n    caf\303 = 1\n    return 1\n' > "$tmp/u3.py"
printf 'def main():\n    return 1\000\n' > "$tmp/nul.py"
head -c 4096 "$JIT" > "$tmp/bin.py"
printf 'def main():\n    if True:\n\tx = 1\n        return x\n' > "$tmp/tabs.py"
printf 'def main():\n    return 9223372036854775808\n' > "$tmp/big.py"
printf 'def main():\n    return 0x1_0000_0000_0000_0000\n' > "$tmp/bighex.py"
printf 'def main():\n    return 1e999999 > 0 and 99999999999999999999999\n' > "$tmp/big2.py"
expect_err "invalid UTF-8 in a string" "u1.py:2:10: error: invalid UTF-8 byte 0xFF" run "$tmp/u1.py"
expect_err "a surrogate in a comment" "u2.py:2:16: error: invalid UTF-8 byte 0xED in comment" run "$tmp/u2.py"
expect_err "truncated UTF-8 in a name" "u3.py:2:8: error: invalid UTF-8 byte 0xC3" run "$tmp/u3.py"
expect_err "NUL byte" "nul.py:2:13: error: source contains a NUL byte" run "$tmp/nul.py"
expect_err "binary file" "bin.py:1:1: error:" run "$tmp/bin.py"
expect_err "tabs and spaces" "tabs.py:3:2: error: inconsistent use of tabs and spaces" run "$tmp/tabs.py"
expect_err "int64 overflow" "big.py:2:12: error: integer literal 9223372036854775808 is too large for int64" run "$tmp/big.py"
expect_err "hex overflow" "bighex.py:2:12: error: integer literal" run "$tmp/bighex.py"
expect_err "long literal after a float" "big2.py:2:29: error: integer literal" run "$tmp/big2.py"
printf '\357\273\277def main():\n    return 7\n' > "$tmp/bom.py"
printf 'def main():\r\n    x = 3\r\n    return x\r\n' > "$tmp/crlf.py"
printf 'def main():\r    return 4\r' > "$tmp/cr.py"
printf 'def main():\n    return 5' > "$tmp/nonl.py"
printf 'def main():\n    return -9223372036854775808\n' > "$tmp/min.py"
expect_out "BOM" 7 run "$tmp/bom.py"
expect_out "CRLF" 3 run "$tmp/crlf.py"
expect_out "lone CR" 4 run "$tmp/cr.py"
expect_out "no final newline" 5 run "$tmp/nonl.py"
expect_out "INT64_MIN literal" -9223372036854775808 run "$tmp/min.py"

# ---- sizes: a .npy that promises more than it holds; one whose shape overflows
printf 'def main(a):\n    return a.size\n' > "$tmp/size.py"
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
def npy(name, header, data=b""):
    h = header.encode()
    h += b" " * (63 - len(h) % 64) + b"\n"
    open(d + "/" + name, "wb").write(b"\x93NUMPY\x01\x00" + len(h).to_bytes(2, "little") + h + data)
npy("short.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,), }", b"\0" * 16)
npy("ovf.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")
npy("ovf0.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (0, 4611686018427387904, 4), }")
npy("neg.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }")
PY
expect_err "npy data shorter than its header says" "header declares 1000000000 elements (8000000000 bytes) but the file holds only 16 bytes" run "$tmp/size.py" "$tmp/short.npy"
expect_err "npy shape overflows" "the shape in the header overflows" run "$tmp/size.py" "$tmp/ovf.npy"
expect_err "empty npy whose shape overflows" "the shape in the header overflows" run "$tmp/size.py" "$tmp/ovf0.npy"
expect_err "npy negative extent" "not a valid .npy file" run "$tmp/size.py" "$tmp/neg.npy"

# ---- fault injection: fail allocation N, for every N of a compile and a run
# (and of a run that hits the disk cache); each run must end in MemoryError
# (exit 1) or in the run's own result once N is past the last allocation:
# the output WANT with exit 0, or, with WANT_ERR, exit 1 with that message.
sweep() {
    name=$1 want=$2 want_err=$3
    shift 3
    n=1 hits=0 clean=0
    while [ $n -le 400 ] && [ $clean -lt 5 ]; do
        JIT_FAULT_ALLOC=$n timeout 60 "$JIT" "$@" > "$tmp/out" 2> "$tmp/err"
        rc=$?
        if [ $rc -eq 0 ] && [ -z "$want_err" ]; then
            [ "$(cat "$tmp/out")" = "$want" ] || { bad "$name: JIT_FAULT_ALLOC=$n: wrong output"; return; }
            clean=$((clean + 1))
        elif [ $rc -eq 1 ] && [ -n "$want_err" ] && grep -qF -- "$want_err" "$tmp/err"; then
            clean=$((clean + 1))
        elif [ $rc -eq 1 ] && grep -qE "MemoryError|out of memory|cannot allocate" "$tmp/err"; then
            hits=$((hits + 1)) clean=0
        else
            bad "$name: JIT_FAULT_ALLOC=$n: exit $rc"; return
        fi
        n=$((n + 1))
    done
    if [ $hits -gt 5 ] && [ $clean -ge 5 ]; then ok; else bad "$name: $hits faults hit, $clean clean runs"; fi
    echo "fault sweep $name: $((n - 1)) runs, $hits ended in MemoryError"
}
sweep "arrays and calls" "$(printf '100.0 [3. 5.]\n0')" "" run tests/fuzz/fault/arrays.py
sweep "prelude and tuples" "$(printf '(3, 2.5)')" "" run tests/fuzz/fault/prelude.py
sweep "type error" "" "9:5: error: cannot update array(int64, 1d, C) in place" check tests/errors/inplace_narrowing.py
sweep "name error" "" "7:12: error: name 'y' is not defined" run tests/errors/undefined_name.py
mkdir -m 700 "$tmp/cache"
JIT_CACHE_DIR="$tmp/cache" "$JIT" run --cache tests/fuzz/fault/arrays.py > /dev/null 2>&1
JIT_CACHE_DIR="$tmp/cache" sweep "disk cache hit" "$(printf '100.0 [3. 5.]\n0')" "" run --cache tests/fuzz/fault/arrays.py

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
