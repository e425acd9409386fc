#!/bin/sh
# CI for the fuzzers: installs clang and its fuzzing runtime when missing (as root; the list
# is scripts/fuzz-deps.txt, kept out of `make deps` so that `make check` needs no clang),
# then runs every harness of tests/fuzz/ for FUZZ_SECONDS (default 30) with `make fuzz`.
# A crash stops the run with libFuzzer's report; the input is in build-fuzz/crashes/NAME/.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
PKGS=$(grep -v '^#' scripts/fuzz-deps.txt | tr '\n' ' ')
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "ci-fuzz: missing packages; as root: apt-get install -y$missing" >&2
        exit 1
    fi
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >/dev/null; } ||
        { echo "ci-fuzz: cannot install$missing" >&2; exit 1; }
fi
make --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}" FUZZ_FLAGS="${FUZZ_FLAGS:--seed=1}"
