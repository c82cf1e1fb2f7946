#!/bin/sh
# Builds and runs the embedding example twice: against the build tree, and
# against a copy installed with `make install` found through pkg-config.
set -e
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -std=c11 -Wall -Wextra -Iinclude examples/embed/embed.c -o "$tmp/embed" \
    -Lbuild -Wl,-rpath,"$PWD/build" -ljit -lm
"$tmp/embed" examples/embed/kernels.py
cc -std=c11 -Wall -Wextra -Iinclude examples/embed/cfunc.c -o "$tmp/cfunc" \
    -Lbuild -Wl,-rpath,"$PWD/build" -ljit -lm
"$tmp/cfunc" examples/embed/cfuncs.py > "$tmp/cfunc.out"
cmp "$tmp/cfunc.out" examples/embed/cfunc.out
make --no-print-directory install PREFIX="$tmp/prefix" > "$tmp/install.log"
PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --exists libjit
# shellcheck disable=SC2046
cc -std=c11 examples/embed/embed.c -o "$tmp/embed2" \
    $(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs libjit) -lm
"$tmp/embed2" examples/embed/kernels.py
# shellcheck disable=SC2046
cc -std=c11 examples/embed/cfunc.c -o "$tmp/cfunc2" \
    $(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs libjit) -lm
"$tmp/cfunc2" examples/embed/cfuncs.py | cmp - examples/embed/cfunc.out
echo "embed: ok"
