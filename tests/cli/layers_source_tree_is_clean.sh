# The source tree keeps its arrows one way: scripts/check-layers.py (also run by .ci/run)
# finds no forbidden include or call, no cycle, no oversized file or function.
cd "$ROOT" || exit 9
python3 scripts/check-layers.py --quiet; echo "status $?"
