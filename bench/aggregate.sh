#!/bin/sh
# bench/aggregate.sh: times the GP-visits query on a generated Open DAMIR-shaped file with
# damirstat and its peers, checks they all find the same totals, prints medians. Never part
# of `make check`.
#
#   bench/aggregate.sh [ROWS]      default 6000000 rows (one month, about 1.1 GB of text)
#
# Environment: RUNS (default 3), BENCH_TMP (folder for the big files, default $TMPDIR or
# /tmp), MILLER_FULL=1 (Miller on the whole file; by default on the first eighth: at about
# 8 MB/s it would take minutes a run), NO_DUCKDB=1 (skip the npm install of DuckDB).
#
# The query, in every tool: rows with PRS_NAT in the GP codes (1109 1110 1111 1209 1210 1211)
# and PSE_SPE_SNDS = 1, by BEN_RES_DPT: sum of PRS_ACT_QTE and row count. The reference totals
# are the ones `damirstat gen` planted (its truth manifest). The file is read from the page
# cache (it was just written); MB/s are megabytes (10^6 bytes) of CSV text per second, also
# for the gzip rows. The ratio is (tool's time per byte) / (damirstat -j1's time per byte).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-6000000}
RUNS=${RUNS:-3}
NPROC=$(nproc 2>/dev/null || echo 2)
DS="$ROOT/damirstat"
WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/damirstat-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
export LC_ALL=C

say() { printf '%s\n' "$*" >&2; }

[ -x "$DS" ] || make -C "$ROOT" >/dev/null
cc -O2 -o "$WORK/libcsv_sum" "$ROOT/bench/libcsv_sum.c" -lcsv
cc -O2 -o "$WORK/isal_inflate" "$ROOT/bench/isal_inflate.c" -lisal

# ---- data: one month, plain and gzip (level 6, as gzip's default), same seed and bytes
if [ -f "$ROOT/external-data/departements.csv" ]; then
    TABLES=""
else
    F="$ROOT/tests/fixtures/gen"
    TABLES="--departements $F/departements.csv --medecins $F/medecins-departements.csv --activite $F/activite-physique.csv"
    say "note: external-data/ tables missing; using the six departments of tests/fixtures/gen"
fi
say "generating $ROWS rows (plain, then gzip -6) in $WORK"
t0=$(date +%s.%N)
(cd "$ROOT" && "$DS" gen --seed 42 --rows "$ROWS" --months 202401 --geo dept -o "$WORK" \
    --truth "$WORK/truth.json" $TABLES)
t1=$(date +%s.%N)
(cd "$ROOT" && "$DS" gen --seed 42 --rows "$ROWS" --months 202401 --geo dept -o "$WORK/gz" \
    --gzip-level 6 $TABLES)
t2=$(date +%s.%N)
PLAIN="$WORK/A202401.csv"
GZ="$WORK/gz/A202401.csv.gz"
SIZE=$(stat -c %s "$PLAIN")
say "$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v s="$SIZE" -v z="$(stat -c %s "$GZ")" 'BEGIN {
    printf "plain %.0f MB in %.1f s, gzip %.0f MB in %.1f s", s / 1e6, b - a, z / 1e6, c - b }')"
# The gigabyte just written is still being flushed to disk for a while: sync first, so that
# the kernel's writeback does not compete with the timed runs for the two cores.
sync
cat "$PLAIN" "$GZ" >/dev/null # into the page cache

# Miller's slice: the first eighth of the lines (header included)
LINES=$(wc -l <"$PLAIN")
head -n $((LINES / 8)) "$PLAIN" >"$WORK/slice.csv"
MPLAIN="$WORK/slice.csv"
[ "${MILLER_FULL:-0}" = 1 ] && MPLAIN="$PLAIN"

# ---- reference: the planted totals, "dep,acts,rows" sorted
sed -n '/"departments": \[/,/^  \],/p' "$WORK/truth.json" | sed 's/, "by_year": \[[^]]*\]//' |
    tr ',' '\n' | sed -n 's/.*"dep": "\([^"]*\)".*/\1/p; s/.*"gp_acts": \([0-9-]*\).*/\1/p;
        s/.*"gp_rows": \([0-9]*\).*/\1/p' | paste -d, - - - | sort >"$WORK/ref.txt"

# ---- the commands; each prints "key,sum,count" sorted
WHERE="PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1"
GP_RE='^(1109|1110|1111|1209|1210|1211)$'
# damirstat's CSV output, columns found by name
cat >"$WORK/norm_ds.awk" <<'EOF'
BEGIN { FS = "," }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{ s = $c["sum_PRS_ACT_QTE"]; sub(/\.0*$/, "", s); print $c["BEN_RES_DPT"] "," s "," $c["count"] }
EOF
# mawk: the columns by header name, then the filter and the sums (printf %.0f: exact < 2^53)
cat >"$WORK/gp.awk" <<EOF
BEGIN { FS = ";" }
NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; nat = c["PRS_NAT"]; spe = c["PSE_SPE_SNDS"]
          key = c["BEN_RES_DPT"]; qte = c["PRS_ACT_QTE"]; next }
\$nat ~ /$GP_RE/ && \$spe == "1" { s[\$key] += \$qte; n[\$key]++ }
END { for (k in s) printf "%s,%.0f,%d\n", k, s[k], n[k] }
EOF
# mawk as datamash's filter (datamash cannot filter rows): key;qte of the GP rows
cat >"$WORK/filter.awk" <<EOF
BEGIN { FS = ";"; OFS = ";" }
NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; nat = c["PRS_NAT"]; spe = c["PSE_SPE_SNDS"]
          key = c["BEN_RES_DPT"]; qte = c["PRS_ACT_QTE"]; next }
\$nat ~ /$GP_RE/ && \$spe == "1" { print \$key, \$qte }
EOF
MLR_FILTER='is_present($PRS_NAT) && ($PRS_NAT == 1109 || $PRS_NAT == 1110 || $PRS_NAT == 1111 || $PRS_NAT == 1209 || $PRS_NAT == 1210 || $PRS_NAT == 1211) && $PSE_SPE_SNDS == 1'

NAMES=""
add() { # add NAME BYTES COMMAND: NAME is a file-name-safe id; the label is set below
    NAMES="$NAMES $1"
    printf '%s\n' "$2" >"$WORK/bytes_$1"
    printf '%s\n' "$3" >"$WORK/cmd_$1.sh"
}
label() { printf '%s\n' "$2" >"$WORK/label_$1"; }

add ds_j1 "$SIZE" "'$DS' aggregate -j1 --where '$WHERE' --by BEN_RES_DPT --sum PRS_ACT_QTE --count --format csv '$PLAIN' | awk -f '$WORK/norm_ds.awk' | sort"
label ds_j1 "damirstat -j1"
add ds_jn "$SIZE" "'$DS' aggregate -j$NPROC --where '$WHERE' --by BEN_RES_DPT --sum PRS_ACT_QTE --count --format csv '$PLAIN' | awk -f '$WORK/norm_ds.awk' | sort"
label ds_jn "damirstat -j$NPROC"
add ds_gz_j1 "$SIZE" "'$DS' aggregate -j1 --where '$WHERE' --by BEN_RES_DPT --sum PRS_ACT_QTE --count --format csv '$GZ' | awk -f '$WORK/norm_ds.awk' | sort"
label ds_gz_j1 "damirstat -j1, gzip input"
add ds_gz_jn "$SIZE" "'$DS' aggregate -j$NPROC --where '$WHERE' --by BEN_RES_DPT --sum PRS_ACT_QTE --count --format csv '$GZ' | awk -f '$WORK/norm_ds.awk' | sort"
label ds_gz_jn "damirstat -j$NPROC, gzip input"
add gunzip "$SIZE" "gzip -dc '$GZ' >/dev/null"
label gunzip "gzip -dc alone (decompression only)"
add isal "$SIZE" "'$WORK/isal_inflate' '$GZ' >/dev/null"
label isal "ISA-L inflate alone (bench/isal_inflate.c)"
add mawk "$SIZE" "mawk -f '$WORK/gp.awk' '$PLAIN' | sort"
label mawk "mawk (filter + sums)"
add libcsv "$SIZE" "'$WORK/libcsv_sum' '$PLAIN' BEN_RES_DPT"
label libcsv "libcsv loop (bench/libcsv_sum.c)"
add datamash "$SIZE" "mawk -f '$WORK/filter.awk' '$PLAIN' | datamash -t';' -s -g1 sum 2 count 2 | tr ';' ','"
label datamash "mawk filter, then datamash -s -g1 sum count"
add miller "$(stat -c %s "$MPLAIN")" "mlr --icsv --ifs ';' --ocsv --headerless-csv-output filter '$MLR_FILTER' then stats1 -a sum,count -f PRS_ACT_QTE -g BEN_RES_DPT then sort -f BEN_RES_DPT '$MPLAIN'"
label miller "Miller (mlr filter, stats1)"
[ "$MPLAIN" = "$PLAIN" ] || label miller "Miller (mlr filter, stats1), first 1/8 of the file"

# ---- DuckDB from npm (@duckdb/node-api ships its binary); installed in $WORK, never kept
if [ "${NO_DUCKDB:-0}" != 1 ] && command -v npm >/dev/null && command -v node >/dev/null &&
    (cd "$WORK" && timeout 300 npm install --no-audit --no-fund --silent @duckdb/node-api \
        >"$WORK/npm.log" 2>&1); then
    cat >"$WORK/duck.mjs" <<EOF
import { DuckDBInstance } from '@duckdb/node-api';
const [file, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const r = await con.runAndReadAll(\`SELECT BEN_RES_DPT, sum(PRS_ACT_QTE::BIGINT), count(*)
  FROM read_csv('\${file}', delim=';', header=true, null_padding=true, all_varchar=true)
  WHERE PRS_NAT IN ('1109','1110','1111','1209','1210','1211') AND PSE_SPE_SNDS = '1'
  GROUP BY 1 ORDER BY 1\`);
for (const row of r.getRows()) console.log(row.join(','));
EOF
    add duck_1 "$SIZE" "node '$WORK/duck.mjs' '$PLAIN' 1"
    label duck_1 "DuckDB $(cd "$WORK" && node -p "require('@duckdb/node-api/package.json').version" 2>/dev/null), 1 thread"
    add duck_n "$SIZE" "node '$WORK/duck.mjs' '$PLAIN' $NPROC"
    label duck_n "DuckDB, $NPROC threads"
else
    say "note: DuckDB skipped (NO_DUCKDB=1, no npm/node, or npm install failed: see below)"
    [ -f "$WORK/npm.log" ] && tail -3 "$WORK/npm.log" >&2
fi

# ---- correctness: every tool's totals against the planted ones
head -n $((LINES / 8)) "$PLAIN" | mawk -f "$WORK/gp.awk" | sort >"$WORK/ref_slice.txt"
bad=0
for n in $NAMES; do
    ref="$WORK/ref.txt"
    if [ "$n" = gunzip ] || [ "$n" = isal ]; then
        echo "n/a" >"$WORK/ok_$n"
        continue
    fi
    [ "$n" = miller ] && [ "$MPLAIN" != "$PLAIN" ] && ref="$WORK/ref_slice.txt"
    if sh "$WORK/cmd_$n.sh" >"$WORK/out_$n.txt" 2>"$WORK/err_$n.txt" && cmp -s "$WORK/out_$n.txt" "$ref"; then
        echo ok >"$WORK/ok_$n"
    else
        echo "DIFFERENT" >"$WORK/ok_$n"
        bad=1
        say "$(cat "$WORK/label_$n"): totals differ from the planted ones:"
        head -3 "$WORK/err_$n.txt" >&2
        diff "$WORK/out_$n.txt" "$ref" | head -5 >&2 || true
    fi
done

# ---- timing: hyperfine, RUNS runs each, medians
for n in $NAMES; do
    [ "$(cat "$WORK/ok_$n")" = DIFFERENT ] && continue
    say "timing $(cat "$WORK/label_$n")"
    hyperfine --style none --runs "$RUNS" --export-json "$WORK/h_$n.json" \
        "sh '$WORK/cmd_$n.sh' >/dev/null" >/dev/null 2>&1 &&
        jq -r '.results[0].median' "$WORK/h_$n.json" >"$WORK/median_$n" || say "  failed"
done

# ---- the table
ref_t=$(cat "$WORK/median_ds_j1" 2>/dev/null || echo "")
awk -v m="$(uname -m)" -v c="$NPROC" -v r="$ROWS" -v s="$SIZE" -v z="$(stat -c %s "$GZ")" \
    -v n="$RUNS" -v d="$(date -u +%Y-%m-%d)" 'BEGIN {
    printf "\n%s, %d cores, %d rows, %.0f MB plain (%.0f MB gzip -6), median of %d runs, %s\n\n",
        m, c, r, s / 1e6, z / 1e6, n, d }'
printf '| %-52s | %9s | %8s | %13s | %s\n' "tool" "median s" "MB/s" "vs ds -j1" "totals"
printf '|%s|%s|%s|%s|%s\n' "------------------------------------------------------" "-----------" \
    "----------" "---------------" "-------"
for n in $NAMES; do
    lab=$(cat "$WORK/label_$n")
    ok=$(cat "$WORK/ok_$n")
    if [ ! -f "$WORK/median_$n" ]; then
        printf '| %-52s | %9s | %8s | %13s | %s\n' "$lab" "-" "-" "-" "$ok"
        continue
    fi
    awk -v lab="$lab" -v t="$(cat "$WORK/median_$n")" -v b="$(cat "$WORK/bytes_$n")" \
        -v rt="$ref_t" -v rb="$SIZE" -v ok="$ok" 'BEGIN {
        ratio = rt == "" ? "-" : sprintf("%.2fx", (t / b) / (rt / rb))
        printf "| %-52s | %9.3f | %8.0f | %13s | %s\n", lab, t, b / t / 1e6, ratio, ok }'
done
exit $bad
