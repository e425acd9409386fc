#!/bin/sh
# CI for the MPI build: installs OpenMPI when missing (as root), builds damirstat and
# damirstat-mpi, runs tests/mpi/*.sh (each with DS, DSMPI, ROOT and a fresh TMP), and exits
# non-zero if any step fails. Called by .ci/run; not part of `make check` (MPI is optional).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1

if ! command -v mpicc >/dev/null 2>&1 || ! command -v mpirun >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "ci-mpi: OpenMPI missing; as root: apt-get install -y libopenmpi-dev openmpi-bin" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y libopenmpi-dev openmpi-bin >/dev/null ||
        { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y libopenmpi-dev openmpi-bin >/dev/null; } ||
        { echo "ci-mpi: cannot install OpenMPI" >&2; exit 1; }
fi

make -s damirstat >/dev/null && make -s mpi >/dev/null || { echo "ci-mpi: build failed" >&2; exit 1; }

failed=0
passed=0
for t in tests/mpi/*.sh; do
    tmp=$(mktemp -d)
    if DS="$ROOT/damirstat" DSMPI="$ROOT/damirstat-mpi" ROOT="$ROOT" TMP="$tmp" sh "$t" >"$tmp.log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $t"
    else
        failed=$((failed + 1))
        echo "FAIL $t"
        sed 's/^/    /' "$tmp.log"
    fi
    rm -rf "$tmp" "$tmp.log"
done
echo "ci-mpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
