#!/bin/sh
# Disk cache tests: hits, equal results, corrupt and foreign files, unsafe and
# unwritable directories, concurrent writers. Prints "cache: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
JIT=${JIT:-build/jit}
pass=0
fail=0
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t"; rm -rf "$t"' EXIT
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: cache: $2"; fi; }
script=examples/mandelbrot.py
expected=$($JIT run $script)
run() { JIT_CACHE_DIR="$1" $JIT run $script --cache --profile 2> "$t/err"; }
hits() { grep -c "1 from the disk cache" "$t/err"; }

# cold, then warm: the same output, the second from the cache
d="$t/c1"
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 0 ]; echo $?) "cold run"
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 1 ]; echo $?) "warm run hits"
check $([ "$(stat -c %a "$d")" = 700 ]; echo $?) "directory mode 0700"
f=$(ls "$d"/*.jco | head -1)
check $([ "$(stat -c %a "$f")" = 600 ]; echo $?) "file mode 0600"

# corrupt: flipped payload bytes, truncation, a foreign file: ignored and rebuilt
printf 'garbage' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 0 ]; echo $?) "corrupt payload ignored"
out=$(run "$d"); check $([ "$(hits)" = 1 ]; echo $?) "corrupt file rebuilt"
head -c 100 "$f" > "$t/half" && cp "$t/half" "$f"
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 0 ]; echo $?) "truncated file ignored"
cp /bin/true "$f"
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 0 ]; echo $?) "foreign file ignored"

# a directory others can write to is not used (someone could plant code)
mkdir -p "$t/open" && chmod 777 "$t/open"
out=$(run "$t/open"); check $([ "$out" = "$expected" ] && grep -q "not using it" "$t/err" &&
                             [ -z "$(ls "$t/open")" ]; echo $?) "world-writable directory refused"
# a directory that cannot be created: memory only, one warning
out=$(JIT_CACHE_DIR=/dev/null/x $JIT run $script --cache 2> "$t/err")
check $([ "$out" = "$expected" ] && [ "$(grep -c warning "$t/err")" = 1 ]; echo $?) "unwritable directory degrades"

# concurrent writers into an empty cache: every result right, the file valid
d="$t/c2"
for i in 1 2 3 4 5 6; do (run "$d" > "$t/out$i" 2>/dev/null) & done
wait
ok=0
for i in 1 2 3 4 5 6; do [ "$(cat "$t/out$i")" = "$expected" ] || ok=1; done
check $ok "concurrent writers"
out=$(run "$d"); check $([ "$out" = "$expected" ] && [ "$(hits)" = 1 ]; echo $?) "valid after concurrent writers"
check $([ -z "$(ls -A "$d" | grep -v '\.jco$')" ]; echo $?) "no temporary files left"

# another source is another key
sed 's/MAX_ITER = 200/MAX_ITER = 100/' $script > "$t/m2.py"
JIT_CACHE_DIR="$d" $JIT run "$t/m2.py" --cache --profile > "$t/o2" 2> "$t/err"
check $([ "$(hits)" = 0 ] && [ "$(cat "$t/o2")" != "$expected" ]; echo $?) "changed source misses"

# cache=True on the decorator alone
cat > "$t/dec.py" <<'PY'
from numba import njit


@njit(cache=True)
def main():
    return 41 + 1
PY
JIT_CACHE_DIR="$t/c3" $JIT run "$t/dec.py" > /dev/null 2>&1
out=$(JIT_CACHE_DIR="$t/c3" $JIT run "$t/dec.py" --profile 2> "$t/err")
check $([ "$out" = 42 ] && [ "$(hits)" = 1 ]; echo $?) "cache=True decorator"

# cached code that calls libmvec (vectorized exp under fastmath): a new
# process loads libmvec before linking it (jit/engine.c link_object), not at
# start-up; the cached run gives the compiled run's result
cat > "$t/mvec.py" <<'PY'
from numba import njit
import numpy as np


@njit(fastmath=True, cache=True)
def main():
    a = np.arange(4096.0) * 0.001
    s = 0.0
    for i in range(a.size):
        s += np.exp(a[i])
    return s
PY
cold=$(JIT_CACHE_DIR="$t/c4" $JIT run "$t/mvec.py" 2> /dev/null)
out=$(JIT_CACHE_DIR="$t/c4" $JIT run "$t/mvec.py" --profile 2> "$t/err")
check $([ -n "$cold" ] && [ "$out" = "$cold" ] && [ "$(hits)" = 1 ]; echo $?) "cached code calling libmvec"

echo "cache: $pass passed, $fail failed"
[ "$fail" = 0 ]
