#!/bin/bash
# bench/aggregate.sh: times damirstat aggregate and its peers on generated Open DAMIR-shaped files,
# checks every tool's totals, and writes the tables to bench/RESULTS.md. Never part of make check.
#
#   ROWS=6000000 RUNS=5 bench/aggregate.sh     the full run (one 1 GB month; 15-20 minutes)
#   ROWS=200000 RUNS=2 bench/aggregate.sh      a quick try (the numbers mean nothing)
#
# Environment: ROWS (rows of the month, default 6000000, about 1.07 GB of text), RUNS (timed runs
# of each tool, default 5), MILLER_FRACTION (Miller reads the first 1/N of the month, default 8:
# at about 20 MB/s the whole month would take about a minute a run), TOOL_TIMEOUT (seconds a run, default
# 300: a run over it is marked TIMEOUT and the tool is not run again), SLOW_RUNS and SLOW_SECONDS
# (a tool whose every run took over SLOW_SECONDS, default 2, stops after SLOW_RUNS runs, default
# 3: the slow peers' medians are steady, and the full run stays under 25 minutes), RESULTS (output file,
# default bench/RESULTS.md), BENCH_TMP (folder for the data, default $TMPDIR or /tmp; needs about
# 1.7 GB at the full size), NO_DUCKDB=1 (skip DuckDB), DUCKDB_DIR (a folder whose node_modules
# already holds @duckdb/node-api: no npm install), PROFILE=0 (no perf profile).
#
# The queries and every tool's command are in bench/queries.sh. The method:
# - Data: `damirstat gen --seed 42 --geo dept` writes the month (and its truth manifest), the same
#   month as gzip -6, and a year of 12 gzip -6 months of ROWS/12 rows each (with its manifest).
# - Totals: each run's output is sorted, its sums, minima and maxima rounded to cents and its
#   means to millionths, and compared with the reference: the manifest's planted totals for the
#   GP query (damirstat is checked against them like every tool), damirstat's own totals
#   otherwise (whose row count must equal the manifest's; its --top is checked against the
#   largest sums of its full many-group table). Group keys and counts must match exactly; a sum
#   off by at most 1 cent (or 1e-12 of the total), as from a tool summing in floating point, is
#   "ok, float" with its largest gap in cents; a mean off by one millionth (the rounding of the
#   printed quotient) is ok; anything else is WRONG, shown in bold with its times struck through.
# - Page cache: the data files (and the peers' own libraries) are locked in memory with
#   `vmtouch -l` for the whole timing phase (this machine evicts idle cached pages within seconds).
# - Runs: round-robin: each repetition runs every tool of a query once, in table order, RUNS times
#   (a tool whose every run took over SLOW_SECONDS sits out the repetitions after SLOW_RUNS).
#   Medians of wall seconds (bash's EPOCHREALTIME around the run) and of CPU seconds (user + sys
#   of the run and all its children, from bash's `times`, to the millisecond); peak RSS is the largest over the runs of the
#   largest process (GNU time %M; for a pipeline, its biggest member). MB/s are 10^6 bytes of CSV
#   text a second (also for gzip input); "× ds -j1" is the time per byte over damirstat -j1's on
#   the same query, so a tool run on a fraction of the file is compared per byte.
# - The README draft (bench/speed.awk) compares thread for thread: a peer given 2 threads against
#   damirstat -j2, the others against -j1.
set -eu
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-${1:-6000000}}
RUNS=${RUNS:-5}
FRACTION=${MILLER_FRACTION:-8}
TOOL_TIMEOUT=${TOOL_TIMEOUT:-300}
SLOW_RUNS=${SLOW_RUNS:-3} SLOW_SECONDS=${SLOW_SECONDS:-2}
[ "$SLOW_RUNS" -le "$RUNS" ] || SLOW_RUNS=$RUNS
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
DS="$ROOT/damirstat"
W=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/damirstat-bench.XXXXXX")
BIN=$W/bin PROG=$W/prog REF=$W/ref
mkdir -p "$BIN" "$PROG" "$REF" "$W/out" "$W/runs"
PIN_PID=""
cleanup() {
    if [ -n "$PIN_PID" ]; then
        kill "$PIN_PID" 2>/dev/null || true
        wait "$PIN_PID" 2>/dev/null || true
    fi
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '%s\n' "$*" >&2; }
START=$EPOCHREALTIME
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- tools: GNU time, vmtouch and jq are needed; a missing peer is installed when we are root
need() { # need COMMAND DEBIAN_PACKAGE
    command -v "$1" >/dev/null && return 0
    [ "$(id -u)" = 0 ] || return 1
    say "installing $2"
    { apt-get install -y -q "$2" || { apt-get update -q && apt-get install -y -q "$2"; }; } \
        >>"$W/apt.log" 2>&1 || true
    command -v "$1" >/dev/null
}
need /usr/bin/time time || { say "GNU time (/usr/bin/time) is needed"; exit 3; }
need jq jq || { say "jq is needed"; exit 3; }
need vmtouch vmtouch || say "note: no vmtouch: the files will not be pinned in the page cache"
SKIPPED=""
for p in mawk:mawk mlr:miller datamash:datamash igzip:isal; do
    need "${p%%:*}" "${p#*:}" || SKIPPED="$SKIPPED ${p%%:*} (not installed)"
done

[ -x "$DS" ] || make -C "$ROOT" -j2 >/dev/null
for c in newlines strsep_sum libcsv_sum isal_inflate; do
    libs="-lm"
    [ "$c" = libcsv_sum ] && libs="-lcsv -lm"
    [ "$c" = isal_inflate ] && libs="-lisal"
    cc -O2 -o "$BIN/$c" "$ROOT/bench/$c.c" $libs
done

# ---- data
if [ -f "$ROOT/external-data/departements.csv" ]; then
    TABLES=""
else
    F="$ROOT/tests/fixtures/gen"
    TABLES="--departements $F/departements.csv --medecins $F/medecins-departements.csv --activite $F/activite-physique.csv"
    say "note: external-data/ tables missing; using the six departments of tests/fixtures/gen"
fi
gen() { (cd "$ROOT" && "$DS" gen --seed 42 --geo dept $TABLES "$@"); }
say "generating $ROWS rows: the month, the month as gzip -6, a year of 12 gzip -6 months"
t0=$EPOCHREALTIME
gen --rows "$ROWS" --months 202401 -o "$W" --truth "$W/truth.json"
gen --rows "$ROWS" --months 202401 -o "$W/gz" --gzip-level 6
gen --rows "$ROWS" --months 202401-202412 -o "$W/year" --gzip-level 6 --truth "$W/truth_year.json"
GEN_SECONDS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
PLAIN="$W/A202401.csv" GZ="$W/gz/A202401.csv.gz" YEAR_GLOB="$W/year/A2024*.csv.gz"
SIZE=$(stat -c %s "$PLAIN") GZ_SIZE=$(stat -c %s "$GZ")
YEAR_GZ_SIZE=$(cat $YEAR_GLOB | wc -c)
LINES=$((ROWS + 1))
SLICE="$W/slice.csv"
head -n $((ROWS / FRACTION + 1)) "$PLAIN" >"$SLICE"
SLICE_BYTES=$(stat -c %s "$SLICE")
# The decompressors are timed writing to /dev/null: their output is checked here, once.
say "checking the gzip files and the decompressors (untimed)"
gzip -dc "$GZ" | cmp -s - "$PLAIN" || { say "gzip -dc of the gzip month differs from the plain month"; exit 1; }
have_igzip=0
if command -v igzip >/dev/null; then
    igzip -dc "$GZ" | cmp -s - "$PLAIN" || { say "igzip -dc differs from the plain month"; exit 1; }
    [ "$(igzip -dc $YEAR_GLOB | cksum)" = "$(gzip -dc $YEAR_GLOB | cksum)" ] ||
        { say "igzip -dc and gzip -dc differ on the year"; exit 1; }
fi
YEAR_BYTES=$(gzip -dc $YEAR_GLOB | wc -c)
sync # the gigabytes just written are flushed now, not during the timed runs

# ---- the peers that need a setup: DuckDB (npm), data.table (R)
DUCK="" DUCK_VERSION=""
if [ "${NO_DUCKDB:-0}" = 1 ]; then
    SKIPPED="$SKIPPED DuckDB (NO_DUCKDB=1)"
elif command -v node >/dev/null; then
    mkdir -p "$W/duck"
    if [ -n "${DUCKDB_DIR:-}" ]; then
        ln -s "$(cd "$DUCKDB_DIR" && pwd)/node_modules" "$W/duck/node_modules"
    else
        say "installing @duckdb/node-api with npm (in the work folder)"
        (cd "$W/duck" && timeout 300 npm install --no-audit --no-fund --silent @duckdb/node-api) \
            >"$W/npm.log" 2>&1 || tail -3 "$W/npm.log" >&2
    fi
    cp "$ROOT/bench/duckdb_query.mjs" "$W/duck/"
    echo "SELECT version();" >"$W/duck/version.sql"
    if DUCK_VERSION=$(node "$W/duck/duckdb_query.mjs" 1 "$W/duck/version.sql" 2>/dev/null); then
        DUCK="node $W/duck/duckdb_query.mjs"
    else
        SKIPPED="$SKIPPED DuckDB (npm install of @duckdb/node-api failed)"
    fi
else
    SKIPPED="$SKIPPED DuckDB (no node)"
fi
DT_VERSION=""
dt_version() { Rscript -e 'cat(format(packageVersion("data.table")))' 2>/dev/null; }
if ! command -v Rscript >/dev/null; then
    SKIPPED="$SKIPPED data.table (no R)"
elif ! DT_VERSION=$(dt_version); then
    [ "$(id -u)" != 0 ] || apt-get install -y -q r-cran-data.table >>"$W/apt.log" 2>&1 || true
    DT_VERSION=$(dt_version) || SKIPPED="$SKIPPED data.table (not installed)"
fi
have() {
    case $1 in
    duckdb) [ -n "$DUCK" ] ;;
    dt) [ -n "$DT_VERSION" ] ;;
    *) command -v "$1" >/dev/null ;;
    esac
}

# ---- the queries (bench/queries.sh) and their reference totals
declare -a QUERIES=()
declare -A NKEYS QTITLE QWHAT QREF QLEFT TOOLS LABEL BYTES CHECK CMD
# query ID NKEYS TITLE WHAT REFERENCE
query() { QUERIES+=("$1") NKEYS[$1]=$2 QTITLE[$1]=$3 QWHAT[$1]=$4 QREF[$1]=$5 QLEFT[$1]="" TOOLS[$1]=""; }
# left_out QUERY WHY: a peer with no fair command for the query, said under its table
left_out() { QLEFT[$1]="${QLEFT[$1]:+${QLEFT[$1]}; }$2"; }
# tool QUERY ID LABEL BYTES CHECK COMMAND. CHECK: a reference file (canonical totals), `lines`
# (prints the file's line count), `bytes` (prints its decompressed size), `same` (writes to
# /dev/null; its output was compared with the plain text above) or `none` (startup alone)
tool() {
    local k=$1.$2
    TOOLS[$1]="${TOOLS[$1]} $2" LABEL[$k]=$3 BYTES[$k]=$4 CHECK[$k]=$5 CMD[$k]=$6
}
. "$ROOT/bench/queries.sh"
write_programs

# Canonical totals: KEY[,KEY2],VALUE...,COUNT, sorted, no header; the values with two decimals,
# or six for a mean (kinds: one letter a value column, as value_kinds in queries.sh; the shared
# part is in places.awk). A value with fewer decimals is padded (exact); one with more is
# rounded from its double.
cat >"$W/places.awk" <<'EOF'
function kind(j,   k) { split(kinds, k, " "); return j in k ? k[j] : "s" }
function places(j) { return kind(j) == "m" ? 6 : 2 }
EOF
cat >"$W/norm.awk" <<'EOF'
function fixed(x, d,   n) {
    if (x ~ /^-?[0-9]+$/) x = x "."
    if (x ~ /^-?[0-9]+\.[0-9]*$/ && (n = length(x) - index(x, ".")) <= d) while (n++ < d) x = x "0"
    else x = sprintf("%." d "f", x + 0)
    return x ~ /^-0\.0*$/ ? substr(x, 2) : x
}
BEGIN { FS = "[,;\t]"; OFS = "," }
$NF !~ /^[0-9]+(\.0+)?$/ { next } # a header line
{ for (i = nk + 1; i < NF; i++) $i = fixed($i, places(i - nk)); sub(/\.0+$/, "", $NF); $1 = $1; print }
EOF
# Compares canonical totals (OUT) with the reference (REF): ok, float N (cents), or WRONG: why.
# A mean may differ by 1 in its sixth decimal (the rounding of the printed quotient) and be ok; a
# minimum or maximum (kind x) is one of the file's amounts and must be exact.
cat >"$W/check.awk" <<'EOF'
function key(   i, k) { k = $1; for (i = 2; i <= nk; i++) k = k "," $i; return k }
function units(x) { sub(/\./, "", x); return x + 0 }
function wrong(why) { if (nbad++ < 2) bad = bad "; " why }
BEGIN { FS = "," }
FILENAME == ARGV[1] { ref[key()] = $0; nref++; next }
{
    k = key()
    if (!(k in ref)) { wrong("extra group " k); next }
    seen++
    n = split(ref[k], r, ",")
    if (n != NF || $NF != r[NF]) { wrong(k ": " $0 " (want " ref[k] ")"); next }
    for (i = nk + 1; i < NF; i++) {
        gap = units($i) - units(r[i]); gap = gap < 0 ? -gap : gap
        lim = 1e-12 * (units(r[i]) < 0 ? -units(r[i]) : units(r[i]))
        if (gap > (lim > 1 ? lim : 1) || (kind(i - nk) == "x" && gap > 0)) { wrong(k ": " $i " (want " r[i] ")"); break }
        if (places(i - nk) == 2 && gap > maxgap) maxgap = gap
    }
}
END {
    if (seen < nref) wrong((nref - seen) " of " nref " groups missing")
    if (nbad) print "WRONG" (nbad > 2 ? " (" nbad " groups)" : "") ": " substr(bad, 3)
    else print (maxgap > 0 ? "float " maxgap : "ok")
}
EOF
canon() { awk -v nk="$1" -v kinds="$(value_kinds "${2:-}")" -f "$W/places.awk" -f "$W/norm.awk" | sort; }

say "reference totals"
jq -r '.departments[] | "\(.dep),\(.gp_acts),\(.gp_rows)"' "$W/truth.json" | canon 1 >"$REF/gp"
jq -r '.departments[] | "\(.dep),\(.gp_acts),\(.gp_rows)"' "$W/truth_year.json" | canon 1 >"$REF/year"
TRUTH_ROWS=$(jq .totals.rows "$W/truth.json")
for q in gp rows oop groups top; do
    for f in "$PLAIN" "$SLICE"; do
        r="$REF/$q"
        [ "$f" = "$SLICE" ] && r="$REF/$q.slice"
        [ "$q" = gp ] && [ "$f" = "$PLAIN" ] && continue # the manifest's, above
        [ "$q" = top ] && [ "$f" = "$SLICE" ] && continue # no tool runs top on the slice
        sh -c "$DS aggregate -j2 $(ds_args $q) $f" |
            canon "$(case $q in groups | top) echo 2 ;; *) echo 1 ;; esac)" "$q" >"$r"
    done
done
for q in rows oop groups; do
    n=$(awk -F, '{ n += $NF } END { print n }' "$REF/$q")
    [ "$n" = "$TRUTH_ROWS" ] || { say "damirstat counts $n rows for $q, the manifest $TRUTH_ROWS"; exit 1; }
done
for r in "$REF"/*; do # an empty reference would make check.awk read the run's output as one
    [ -s "$r" ] || { say "the reference totals ${r##*/} are empty"; exit 1; }
done
# damirstat's --top against the largest sums of its full many-group table, picked by sort
sort -t, -k3,3 -rn "$REF/groups" | head -n "$TOP" | sort | cmp -s - "$REF/top" ||
    { say "damirstat --top $TOP differs from the $TOP largest sums of the many-group query"; exit 1; }
define_queries

# ---- pin the data (and the peers' libraries) in the page cache for the timing phase
PINNED="no (vmtouch missing)"
if command -v vmtouch >/dev/null; then
    pin=("$PLAIN" "$GZ" "$SLICE" "$W/year" "$BIN" "$DS")
    [ -n "$DUCK" ] && pin+=("$(readlink -f "$W/duck/node_modules")" "$(readlink -f "$(command -v node)")")
    [ -n "$DT_VERSION" ] && pin+=("$(Rscript -e 'cat(system.file(package = "data.table"))')" "$(R RHOME)/lib")
    have mlr && pin+=("$(readlink -f "$(command -v mlr)")")
    stdbuf -oL vmtouch -l -m 64G "${pin[@]}" >"$W/vmtouch.out" 2>&1 &
    PIN_PID=$!
    # vmtouch says "LOCKED N pages (SIZE)" once every page is locked, then holds them until killed
    while kill -0 "$PIN_PID" 2>/dev/null && ! grep -qs '^LOCKED' "$W/vmtouch.out"; do sleep 0.2; done
    if grep -q '^LOCKED' "$W/vmtouch.out"; then
        PINNED="yes: vmtouch -l, $(sed -n 's/^LOCKED //p' "$W/vmtouch.out")"
    else
        PINNED="no (vmtouch -l failed: $(head -c 200 "$W/vmtouch.out"))"
    fi
fi
say "page cache pin: $PINNED"

# ---- timed runs
run_one() { # run_one QUERY ID: one timed run; appends "user sys rss t0 t1 rc load status" to runs/
    local k=$1.$2 o=$W/out/$1.$2 load rc=0 t0 t1 status
    read -r load _ </proc/loadavg
    times >"$o.cpu0" # the shell's children's user and sys seconds, to the millisecond
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$o.rss" timeout "$TOOL_TIMEOUT" sh -c "${CMD[$k]}" \
        >"$o.out" 2>"$o.err" || rc=$?
    t1=$EPOCHREALTIME
    times >"$o.cpu1"
    status=$(check_run "$1" "$2" "$rc")
    echo "$(awk -f "$W/cpu.awk" "$o.cpu0" "$o.cpu1") $(tail -1 "$o.rss") $t0 $t1 $rc $load $status" \
        >>"$W/runs/$k"
    printf '  %-7s %-52s %8s s  %s\n' "$1" "${LABEL[$k]}" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" "$status" >&2
}
# user and sys seconds between two outputs of bash's `times` (second line: the children's)
cat >"$W/cpu.awk" <<'EOF'
function secs(x,   a) { split(x, a, "m"); sub(/s$/, "", a[2]); return a[1] * 60 + a[2] }
FNR == 2 { u[NR > FNR] = secs($1); s[NR > FNR] = secs($2) }
END { printf "%.3f %.3f", u[1] - u[0], s[1] - s[0] }
EOF
check_run() { # check_run QUERY ID RC: ok | float N | WRONG: why | TIMEOUT | FAILED (why)
    local k=$1.$2 o=$W/out/$1.$2 got
    [ "$3" = 124 ] && { echo TIMEOUT; return; }
    [ "$3" = 0 ] || { echo "FAILED (exit $3: $(head -c 120 "$o.err" | tr '\n' ' '))"; return; }
    case ${CHECK[$k]} in
    lines | bytes)
        got=$(awk '{ print $1; exit }' "$o.out")
        want=$LINES
        [ "${CHECK[$k]}" = bytes ] && want=${BYTES[$k]}
        if [ "$got" = "$want" ]; then echo ok; else echo "WRONG: $got ${CHECK[$k]}, want $want"; fi
        ;;
    same) echo ok ;;
    none) echo "n/a" ;;
    *)
        canon "${NKEYS[$1]}" "$1" <"$o.out" >"$o.canon"
        if cmp -s "$o.canon" "${CHECK[$k]}"; then echo ok; else
            awk -v nk="${NKEYS[$1]}" -v kinds="$(value_kinds "$1")" -f "$W/places.awk" \
                -f "$W/check.awk" "${CHECK[$k]}" "$o.canon"
        fi
        ;;
    esac
}
declare -A LOAD_BEFORE DROPPED
slow() { # slow QUERY.ID: every run so far took more than SLOW_SECONDS
    awk -v s="$SLOW_SECONDS" '$5 - $4 <= s { fast = 1 } END { exit fast }' "$W/runs/$1"
}
for q in "${QUERIES[@]}"; do
    LOAD_BEFORE[$q]=$(cut -d' ' -f1-3 /proc/loadavg)
    say "query $q: ${QTITLE[$q]} (load average ${LOAD_BEFORE[$q]})"
    for rep in $(seq "$RUNS"); do
        say " repetition $rep of $RUNS"
        for id in ${TOOLS[$q]}; do
            [ -n "${DROPPED[$q.$id]:-}" ] && continue
            [ "$rep" -gt "$SLOW_RUNS" ] && slow "$q.$id" && continue
            run_one "$q" "$id"
            case $(tail -1 "$W/runs/$q.$id" | cut -d' ' -f8) in
            TIMEOUT | FAILED) DROPPED[$q.$id]=1 ;; # not run again: it would only cost time
            esac
        done
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- perf profile of damirstat -j1 on each plain query: where the time goes
profile() {
    [ "${PROFILE:-1}" = 1 ] && command -v perf >/dev/null || return 0
    local q
    for q in gp rows oop groups; do
        printf '\n<details><summary>perf profile, damirstat -j1, %s</summary>\n\n```\n' "${QTITLE[$q]}"
        if perf record -q -F 4999 -o "$W/perf.data" -- sh -c "${CMD[$q.ds1]}" >/dev/null 2>&1; then
            perf report -i "$W/perf.data" --stdio --no-children --sort dso,symbol -q 2>/dev/null |
                sed -e 's/[ -]*$//' -e '/^$/d' | head -20
        else
            echo "perf record failed"
        fi
        printf '```\n</details>\n'
    done
}

# ---- the tables
# One line a tool in summary.tsv: QUERY ID WALL CPU RSS_KB BYTES CHECK STATUS LABEL RUNS (tabs):
# medians of wall and CPU seconds, the largest RSS, the worst status of its runs, their number.
summarize() {
    local q id k
    for q in "${QUERIES[@]}"; do
        for id in ${TOOLS[$q]}; do
            k=$q.$id
            awk -v head="$q	$id" -v tail="${BYTES[$k]}	${CHECK[$k]}" -v label="${LABEL[$k]}" '
            function median(a, n,   i, j, t) {
                for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
                return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            }
            {
                n++; cpu[n] = $1 + $2; wall[n] = $5 - $4; if ($3 > rss) rss = $3
                st = $8; for (i = 9; i <= NF; i++) st = st " " $i
                if (st ~ /^WRONG/) { if (worst !~ /^WRONG/) worst = st }
                else if (st ~ /^(TIMEOUT|FAILED)/) { if (worst !~ /^(WRONG|TIMEOUT|FAILED)/) worst = st }
                else if (st ~ /^float/) { split(st, f, " "); if (f[2] + 0 > gap) gap = f[2] + 0 }
                else if (st ~ /^n\/a/) na = 1
            }
            END {
                if (worst == "") worst = na ? "n/a (startup only)" : gap > 0 ? "ok, float: up to " gap " cent" (gap > 1 ? "s" : "") " off" : "ok"
                printf "%s\t%.6f\t%.6f\t%d\t%s\t%s\t%s\t%d\n", head, median(wall, n), median(cpu, n), rss, tail, worst, label, n
            }' "$W/runs/$k"
        done
    done >"$W/summary.tsv"
}
shorten() { sed -e "s#$W/##g" -e "s#$ROOT/##g"; }
table() { # table QUERY: the markdown table and the commands
    local q=$1 id
    printf '\n### %s\n\n%s. Totals checked against %s.%s Load average before: %s.\n\n' \
        "${QTITLE[$q]}" "${QWHAT[$q]}" "${QREF[$q]}" "${QLEFT[$q]:+ Not run: ${QLEFT[$q]}.}" "${LOAD_BEFORE[$q]}"
    printf '| tool | wall s | CPU s | cores | MB/s | wall × ds -j1 | CPU × ds -j1 | peak RSS MB | runs | totals |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n'
    awk -F '\t' -v q="$q" '
    NR == FNR { if ($1 == q && $2 == "ds1") { rw = $3 / $6; rc = $4 / $6 } next }
    $1 == q {
        lab = $9; gsub(/\|/, "\\|", lab); st = $8
        strike = st ~ /^(WRONG|TIMEOUT|FAILED)/ ? "~~" : ""
        if (st ~ /^WRONG/) st = "**" st "**"
        mbs = sprintf("%s%.0f%s", strike, $6 / $3 / 1e6, strike)
        rwall = sprintf("%s%.2f×%s", strike, $3 / $6 / rw, strike)
        rcpu = sprintf("%.2f×", $4 / $6 / rc)
        if ($7 == "none") mbs = rwall = rcpu = "–"
        printf "| %s | %s%.3f%s | %.3f | %.2f | %s | %s | %s | %.0f | %d | %s |\n", lab, strike, $3, strike,
            $4, ($3 > 0 ? $4 / $3 : 0), mbs, rwall, rcpu, $5 / 1024, $10, st
    }' "$W/summary.tsv" "$W/summary.tsv"
    printf '\n<details><summary>commands</summary>\n\n'
    for id in ${TOOLS[$q]}; do
        printf -- '- %s: `%s`\n' "${LABEL[$q.$id]}" "$(printf '%s' "${CMD[$q.$id]}" | shorten)"
    done
    printf '\n</details>\n'
}
runs_text() {
    printf '%s interleaved runs' "$RUNS"
    [ "$SLOW_RUNS" -ge "$RUNS" ] || printf ' (%s for a tool whose runs all took over %s s)' "$SLOW_RUNS" "$SLOW_SECONDS"
}
# The README's Speed section, every number taken from summary.tsv (bench/speed.awk)
proposal() {
    awk -F '\t' -f "$ROOT/bench/speed.awk" -v groups="$(wc -l <"$REF/groups")" -v top="$TOP" \
        -v date="$(date -u +%Y-%m-%d)" -v load="$LOAD_START" -v runs="$(runs_text)" -v rows="$ROWS" \
        -v threads="$THREADS" -v mb="$(awk -v s="$SIZE" 'BEGIN { printf "%.0f", s / 1e6 }')" \
        "$W/summary.tsv"
}
versions() {
    printf -- '- damirstat: commit %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" \
        "$(git -C "$ROOT" diff --quiet HEAD -- src include 2>/dev/null || echo ' (with uncommitted changes)')"
    [ -n "$DUCK_VERSION" ] && printf -- '- DuckDB %s (npm @duckdb/node-api %s)\n' "$DUCK_VERSION" \
        "$(cd "$W/duck" && node -p "require('@duckdb/node-api/package.json').version")"
    [ -n "$DT_VERSION" ] && printf -- '- data.table %s, %s\n' "$DT_VERSION" "$(R --version | head -1)"
    have mawk && printf -- '- %s\n' "$(mawk -W version 2>&1 | head -1)"
    have mlr && printf -- '- Miller %s\n' "$(mlr --version | awk '{ print $2 }')"
    have datamash && printf -- '- %s\n' "$(datamash --version | head -1)"
    have igzip && printf -- '- ISA-L %s (Debian isal)\n' "$(dpkg-query -W -f '${Version}' isal 2>/dev/null)"
    printf -- '- %s; %s\n' "$(gzip --version | head -1)" "$(wc --version | head -1)"
    printf -- '- C baselines: %s, -O2\n' "$(cc --version | head -1)"
    [ -z "$SKIPPED" ] || printf -- '- not run:%s\n' "$SKIPPED"
}
report() {
    local secs q
    secs=$(awk -v a="$START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
    printf '# bench/aggregate.sh — latest run\n\n'
    if [ "$ROWS" -lt 6000000 ]; then
        printf '**A development run at %s rows: its numbers mean nothing. The full benchmark is\n`ROWS=6000000 RUNS=5 bench/aggregate.sh` on a quiet machine.**\n\n' "$ROWS"
    fi
    printf -- '- date: %s; command: `ROWS=%s RUNS=%s SLOW_RUNS=%s SLOW_SECONDS=%s MILLER_FRACTION=%s bench/aggregate.sh`; %s s in all (generation %s s)\n' \
        "$(date -u '+%Y-%m-%d %H:%M UTC')" "$ROWS" "$RUNS" "$SLOW_RUNS" "$SLOW_SECONDS" "$FRACTION" "$secs" "$GEN_SECONDS"
    printf -- '- machine: %s, %s cores, %s GiB, Linux %s\n' \
        "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)" "$(nproc)" \
        "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" "$(uname -r)"
    printf -- '- load average (1, 5, 15 min): %s before the run, %s after it\n' "$LOAD_START" "$LOAD_END"
    awk -v r="$ROWS" -v s="$SIZE" -v z="$GZ_SIZE" -v y="$YEAR_BYTES" -v yz="$YEAR_GZ_SIZE" \
        -v m=$((ROWS / FRACTION)) -v sb="$SLICE_BYTES" 'BEGIN {
        printf "- data: %d rows, %.0f MB of text, %.0f MB as gzip -6; the year: 12 files, %.0f MB of text, %.0f MB gzip -6; Miller reads the first %d rows (%.0f MB)\n",
            r, s / 1e6, z / 1e6, y / 1e6, yz / 1e6, m, sb / 1e6 }'
    printf -- '- page cache: %s; medians of %s\n' "$PINNED" "$(runs_text)"
    printf '\nWall and CPU seconds are medians; "cores" is CPU over wall; MB/s and the ratios are per byte\nof CSV text (Miller'"'"'s slice is compared per byte). Totals: see the method at the top of\nbench/aggregate.sh. In the commands, bin/ holds bench/*.c built with cc -O2 and prog/ the\nprograms printed at the end.\n'
    summarize
    for q in "${QUERIES[@]}"; do table "$q"; done
    printf '\n## Proposed text for README'"'"'s Speed section (generated from this run)\n\n'
    proposal
    printf '\n## Versions\n\n'
    versions
    printf '\n## Programs\n'
    for f in "$PROG"/*; do
        printf '\n<details><summary>prog/%s</summary>\n\n```\n%s\n```\n</details>\n' "${f##*/}" "$(shorten <"$f")"
    done
    printf '\n## Where damirstat -j1 spends its time\n'
    profile
}
report >"$W/results.md"
cp "$W/results.md" "$RESULTS.tmp.$$" && mv "$RESULTS.tmp.$$" "$RESULTS"
cat "$W/results.md"
say "written to $RESULTS"
