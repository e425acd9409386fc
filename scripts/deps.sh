#!/bin/sh
# Installs the Debian packages damirstat needs when run as root, or prints the exact
# apt-get line and fails otherwise. Called by `make deps`, `make check` and `make demo`.
PACKAGES="gcc make pkg-config libgsl-dev libcsv-dev zlib1g-dev libisal-dev libjansson-dev gnuplot-nox jq python3"

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: not a Debian system; make sure these (or their equivalents) are installed: $PACKAGES" >&2
    exit 0
fi
missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >&2 || {
        echo "deps: apt-get install$missing failed" >&2
        exit 1
    }
else
    echo "deps: missing Debian packages; as root (or with sudo), run:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
