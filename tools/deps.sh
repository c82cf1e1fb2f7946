#!/bin/sh
# Installs what the build and the tests need on a fresh Debian machine;
# does nothing when everything is present.
set -e
# lld: links build/jit with cli/startup.order (faster start-up; optional,
# the build falls back to GNU ld)
PKGS="llvm-19-dev libomp-19-dev libffi-dev check pkg-config libzstd-dev zlib1g-dev libxml2-dev make gcc python3 lld"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
# numpy for the differential tester's CPython runs (the oracle needs numba
# too, but only to regenerate expected outputs: tests/regen.sh)
if ! python3 -c "import numpy" 2>/dev/null; then
    echo "deps: installing numpy"
    python3 -m pip install -q numpy
fi
