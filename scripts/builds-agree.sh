#!/bin/sh
# Runs the same commands on the same inputs with the optimised build (./damirstat) and the
# sanitizer build (build-asan/damirstat, from `make asan`) and checks that every output is
# the same bytes: a difference means undefined behaviour or uninitialised memory that the
# optimiser exposes. Run from the repository root after `make` and `make asan` (.ci/run does).
# Prints a note and succeeds when build-asan/damirstat is absent.
cd "$(dirname "$0")/.." || exit 3
A=./damirstat
B=./build-asan/damirstat
if [ ! -x "$B" ] || [ ! -x "$A" ]; then
    echo "builds-agree: skipped: needs ./damirstat and build-asan/damirstat (make && make asan)"
    exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/builds-agree.XXXXXX") || exit 3
trap 'rm -rf "$T"' EXIT
F=tests/fixtures
awk -v copies=20 -f tests/cli/gen_lines.awk "$F/open-damir/A202501-head.csv" > "$T/bulk.csv"
gzip -c "$T/bulk.csv" > "$T/bulk.csv.gz"
n=0 bad=0
# Each line: a label, then the command's arguments (word-split; no spaces inside one).
while read -r label args; do
    [ -z "$label" ] && continue
    n=$((n + 1))
    # shellcheck disable=SC2086
    $A $args > "$T/a.out" 2> "$T/a.err"; sa=$?
    # shellcheck disable=SC2086
    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
        $B $args > "$T/b.out" 2> "$T/b.err"; sb=$?
    if [ "$sa" != "$sb" ] || ! cmp -s "$T/a.out" "$T/b.out" || ! cmp -s "$T/a.err" "$T/b.err"; then
        echo "builds-agree: $label: outputs differ (status $sa vs $sb)"
        diff "$T/a.out" "$T/b.out" | head -5
        diff "$T/a.err" "$T/b.err" | head -5
        bad=1
    fi
done <<LIST
agg-csv aggregate -j2 $T/bulk.csv $T/bulk.csv.gz --by BEN_RES_REG,BEN_SEX_COD --sum PRS_PAI_MNT,PRS_REM_MNT --count
agg-json aggregate $T/bulk.csv --by BEN_RES_REG --sum PRS_PAI_MNT --where PRS_PAI_MNT<0 --format json
agg-bad aggregate $F/table/small.csv --by A
table-text table $F/table/small.csv
table-json table external-data/departements.csv --format json
join join $F/join/left.csv $F/join/right.csv --on dep=code --how left
derive derive $F/derive/small.csv z=log(gp)/pop*1e5 w=sqrt(visits-600)
corr corr $F/corr/small.csv --x x --y y --method all --bootstrap 200 --permutations 200 --seed 7 --format json
moran moran external-data/synthetic-activite-physique.csv --value licences_pour_100_hab --permutations 199 --seed 3 --format json
LIST
echo "builds-agree: $n commands compared, $([ $bad = 0 ] && echo all the same || echo some differ)"
exit $bad
