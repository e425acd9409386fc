# bench/queries.sh: the queries of bench/aggregate.sh and every tool's command for them, as each
# tool's experienced users would write them. Sourced by bench/aggregate.sh, which provides:
#   DS PLAIN GZ YEAR_GLOB SLICE     damirstat; the plain month, its gzip -6 copy, the 12 gzip
#                                   months (an unquoted glob), the first 1/FRACTION of PLAIN
#   SIZE SLICE_BYTES YEAR_BYTES     bytes of CSV text each reads
#   W  BIN  PROG  REF               work folder; built helpers; program files; reference totals
#   tool QUERY ID LABEL BYTES CHECK COMMAND     registers one timed command (see aggregate.sh)
#   have NAME                       whether a peer is installed (mawk mlr datamash duckdb dt igzip)
#
# Every command prints one line a group: KEY[,KEY2],VALUE...,COUNT, in any order, with ',' ';' or
# a tab between fields and optionally a header line; aggregate.sh sorts, rounds sums, minima and
# maxima to cents and means to millionths, and compares them with the reference.

GP_CODES="1109,1110,1111,1209,1210,1211" # GP consultations and visits (CNAM's PRS_NAT codes)
GP_WHERE="PRS_NAT in ($GP_CODES) and PSE_SPE_SNDS = 1"
# Five money columns, in file order (datamash reads them after cut, which keeps file order;
# rows.awk names them too)
SUMS="PRS_DEP_MNT,PRS_PAI_MNT,PRS_REM_BSE,PRS_REM_MNT,FLT_PAI_MNT"
THREADS=2 # the machine's cores: the -j2 and 2-thread rows

# The out-of-pocket query: what the patient or a complementary insurer paid (amount spent less
# the compulsory scheme's reimbursement), with the mean and largest amount spent, by region
OOP="PRS_PAI_MNT - PRS_REM_MNT"
TOP=10 # the top query: the TOP department x PRS_NAT pairs with the most spending

# damirstat's arguments for each query (the same for its reference runs). The GP query uses the
# named measure gp-visits, defined as exactly GP_WHERE and a sum of PRS_ACT_QTE (`damirstat
# aggregate --measure list`); the peers spell the filter out.
ds_args() {
    case $1 in
    gp | gz | year) echo "--measure gp-visits --by BEN_RES_DPT --count" ;;
    rows) echo "--by BEN_RES_REG --sum $SUMS --count" ;;
    oop) echo "--by BEN_RES_REG --sum '$OOP as out_of_pocket' --mean PRS_PAI_MNT --max PRS_PAI_MNT --count" ;;
    groups) echo "--by BEN_RES_DPT,PRS_NAT --sum PRS_PAI_MNT --count" ;;
    top) echo "--by BEN_RES_DPT,PRS_NAT --sum PRS_PAI_MNT --count --top $TOP --order sum_PRS_PAI_MNT" ;;
    esac
}

# What each value column of a query's output is, for the comparison: s (a sum: cents, a float
# tool may be 1 cent off), x (a minimum or maximum: cents, exact) or m (a mean: millionths)
value_kinds() {
    case $1 in
    oop) echo "s m x" ;;
    *) echo "" ;; # all sums
    esac
}

# The C baselines' arguments (bench/sumtab.h): KEYS VALUES [gp]; nothing when they have no
# version of the query (they do not order or cut the groups: the top query)
c_args() {
    case $1 in
    gp) echo "BEN_RES_DPT PRS_ACT_QTE gp" ;;
    rows) echo "BEN_RES_REG $SUMS" ;;
    oop) echo "BEN_RES_REG ${OOP// /},mean:PRS_PAI_MNT,max:PRS_PAI_MNT" ;;
    groups) echo "BEN_RES_DPT,PRS_NAT PRS_PAI_MNT" ;;
    esac
}

# Column number of a header name in PLAIN (for cut, which takes numbers)
colnum() { head -1 "$PLAIN" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }

# datamash cannot filter rows: for the GP query mawk filters and datamash groups; otherwise cut
# keeps the needed columns (in file order) and datamash -s sorts and groups them. It has no
# arithmetic between columns (out-of-pocket) and no top N: no command for those queries.
datamash_cmd() {
    local reg dpt nat qte pai s sums="" i=2
    reg=$(colnum BEN_RES_REG) dpt=$(colnum BEN_RES_DPT) nat=$(colnum PRS_NAT)
    qte=$(colnum PRS_ACT_QTE) pai=$(colnum PRS_PAI_MNT)
    case $1 in
    gp) echo "mawk -f $PROG/gp_filter.awk $PLAIN | datamash -t';' -s -g1 sum 2 count 2" ;;
    rows)
        local cols=$reg
        for s in ${SUMS//,/ }; do
            cols="$cols,$(colnum "$s")"
            sums="$sums sum $i"
            i=$((i + 1))
        done
        echo "cut -d';' -f$cols $PLAIN | datamash -t';' --header-in -s -R 2 -g1$sums count 1"
        ;;
    groups) # cut keeps file order: BEN_RES_DPT, PRS_PAI_MNT, PRS_NAT
        [ "$dpt" -lt "$pai" ] && [ "$pai" -lt "$nat" ] || return 1
        echo "cut -d';' -f$dpt,$pai,$nat $PLAIN | datamash -t';' --header-in -s -R 2 -g1,3 sum 2 count 2"
        ;;
    *) return 1 ;;
    esac
}

# Miller's verbs after the reader flags (CSV out without header, columns in the usual order)
mlr_verbs() {
    local gp_filter='$PSE_SPE_SNDS == 1 && ($PRS_NAT == 1109 || $PRS_NAT == 1110 || $PRS_NAT == 1111 || $PRS_NAT == 1209 || $PRS_NAT == 1210 || $PRS_NAT == 1211)'
    case $1 in
    gp) echo "filter '$gp_filter' then stats1 -a sum,count -f PRS_ACT_QTE -g BEN_RES_DPT" ;;
    rows)
        local s cut="BEN_RES_REG"
        for s in ${SUMS//,/ }; do cut="$cut,${s}_sum"; done
        echo "stats1 -a sum,count -f $SUMS -g BEN_RES_REG then cut -o -f $cut,PRS_DEP_MNT_count"
        ;;
    oop) # put computes the difference as a field; stats1 then accumulates it and PRS_PAI_MNT
        echo "put '\$out_of_pocket = \$PRS_PAI_MNT - \$PRS_REM_MNT' then stats1 -a sum,mean,max,count -f out_of_pocket,PRS_PAI_MNT -g BEN_RES_REG then cut -o -f BEN_RES_REG,out_of_pocket_sum,PRS_PAI_MNT_mean,PRS_PAI_MNT_max,out_of_pocket_count"
        ;;
    groups) echo "stats1 -a sum,count -f PRS_PAI_MNT -g BEN_RES_DPT,PRS_NAT" ;;
    *) return 1 ;; # top: Miller's slice would time the many-group query again
    esac
}

# DuckDB's read_csv with the schema given, as its documentation advises for known files: every
# column named (auto_detect off, no sniffing), the needed ones typed (codes as integers, money
# as DECIMAL: exact sums), the others VARCHAR, which projection pushdown never reads.
duck_columns() { # duck_columns "NAME=TYPE ..."
    head -1 "$PLAIN" | tr ';' '\n' | awk -v types="$1" '
        BEGIN { n = split(types, a, " "); for (i = 1; i <= n; i++) { split(a[i], kv, "="); t[kv[1]] = kv[2] } }
        { name = $0 == "" ? "trailing_empty" : $0
          printf "%s'\''%s'\'': '\''%s'\''", (NR > 1 ? ", " : "{"), name, ((name in t) ? t[name] : "VARCHAR") }
        END { print "}" }'
}

duck_read() { # duck_read FILE-OR-GLOB "NAME=TYPE ..."
    echo "read_csv('$1', delim = ';', header = true, auto_detect = false, columns = $(duck_columns "$2"))"
}

duck_sql() { # duck_sql QUERY FILE-OR-GLOB: the SQL text
    local money="DECIMAL(15,2)" s sums="" types="BEN_RES_REG=SMALLINT"
    case $1 in
    gp | gz | year)
        printf 'SELECT BEN_RES_DPT, sum(PRS_ACT_QTE), count(*)\nFROM %s\nWHERE PRS_NAT IN (%s) AND PSE_SPE_SNDS = 1\nGROUP BY BEN_RES_DPT;\n' \
            "$(duck_read "$2" "BEN_RES_DPT=VARCHAR PRS_NAT=SMALLINT PSE_SPE_SNDS=SMALLINT PRS_ACT_QTE=INTEGER")" \
            "${GP_CODES//,/, }"
        ;;
    rows)
        for s in ${SUMS//,/ }; do
            sums="$sums, sum($s)"
            types="$types $s=$money"
        done
        printf 'SELECT BEN_RES_REG%s, count(*)\nFROM %s\nGROUP BY BEN_RES_REG;\n' "$sums" "$(duck_read "$2" "$types")"
        ;;
    oop)
        printf 'SELECT BEN_RES_REG, sum(%s) AS out_of_pocket, avg(PRS_PAI_MNT), max(PRS_PAI_MNT), count(*)\nFROM %s\nGROUP BY BEN_RES_REG;\n' \
            "$OOP" "$(duck_read "$2" "$types PRS_PAI_MNT=$money PRS_REM_MNT=$money")"
        ;;
    groups | top)
        printf 'SELECT BEN_RES_DPT, PRS_NAT, sum(PRS_PAI_MNT) AS pai, count(*)\nFROM %s\nGROUP BY BEN_RES_DPT, PRS_NAT%s;\n' \
            "$(duck_read "$2" "BEN_RES_DPT=VARCHAR PRS_NAT=SMALLINT PRS_PAI_MNT=$money")" \
            "$([ "$1" = top ] && printf '\nORDER BY pai DESC\nLIMIT %s' "$TOP")"
        ;;
    esac
}

# The mawk and R programs, written to PROG (printed in full in RESULTS.md)
write_programs() {
    # mawk: columns found by header name; sums in doubles, printed with two decimals
    local head_gp='BEGIN { FS = ";"; split("1109 1110 1111 1209 1210 1211", codes, " "); for (i in codes) gp[codes[i]] }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
          nat = c["PRS_NAT"]; spe = c["PSE_SPE_SNDS"]; key = c["BEN_RES_DPT"]; qte = c["PRS_ACT_QTE"]; next }'
    cat >"$PROG/gp.awk" <<EOF
$head_gp
\$spe == "1" && (\$nat in gp) { s[\$key] += \$qte; n[\$key]++ }
END { for (k in n) printf "%s,%.0f,%d\n", k, s[k], n[k] }
EOF
    cat >"$PROG/gp_filter.awk" <<EOF
$head_gp
\$spe == "1" && (\$nat in gp) { print \$key ";" \$qte }
EOF
    cat >"$PROG/rows.awk" <<'EOF'
BEGIN { FS = ";" }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
          key = c["BEN_RES_REG"]; m1 = c["PRS_DEP_MNT"]; m2 = c["PRS_PAI_MNT"]; m3 = c["PRS_REM_BSE"]
          m4 = c["PRS_REM_MNT"]; m5 = c["FLT_PAI_MNT"]; next }
{ k = $key; s1[k] += $m1; s2[k] += $m2; s3[k] += $m3; s4[k] += $m4; s5[k] += $m5; n[k]++ }
END { for (k in n) printf "%s,%.2f,%.2f,%.2f,%.2f,%.2f,%d\n", k, s1[k], s2[k], s3[k], s4[k], s5[k], n[k] }
EOF
    cat >"$PROG/oop.awk" <<'EOF'
BEGIN { FS = ";" }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
          key = c["BEN_RES_REG"]; pai = c["PRS_PAI_MNT"]; rem = c["PRS_REM_MNT"]; next }
{ k = $key; p = $pai + 0; s[k] += p - $rem; m[k] += p; n[k]++
  if (!(k in max) || p > max[k]) max[k] = p }
END { for (k in n) printf "%s,%.2f,%.6f,%.2f,%d\n", k, s[k], m[k] / n[k], max[k], n[k] }
EOF
    cat >"$PROG/groups.awk" <<'EOF'
BEGIN { FS = ";" }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
          dpt = c["BEN_RES_DPT"]; nat = c["PRS_NAT"]; pai = c["PRS_PAI_MNT"]; next }
{ k = $dpt "," $nat; s[k] += $pai; n[k]++ }
END { for (k in n) printf "%s,%.2f,%d\n", k, s[k], n[k] }
EOF
    # data.table: fread reads only the selected columns, typed; GForce does the grouped sums
    local head='library(data.table)
args <- commandArgs(TRUE)
setDTthreads(as.integer(args[1]))'
    cat >"$PROG/gp.R" <<EOF
$head
d <- fread(args[2], sep = ";", select = c("BEN_RES_DPT", "PRS_NAT", "PSE_SPE_SNDS", "PRS_ACT_QTE"),
           colClasses = list(character = "BEN_RES_DPT", integer = c("PRS_NAT", "PSE_SPE_SNDS", "PRS_ACT_QTE")))
fwrite(d[PRS_NAT %in% c(${GP_CODES//,/L, }L) & PSE_SPE_SNDS == 1L,
         .(acts = sum(PRS_ACT_QTE), n = .N), by = BEN_RES_DPT], col.names = FALSE)
EOF
    cat >"$PROG/rows.R" <<EOF
$head
sums <- c("${SUMS//,/\", \"}")
d <- fread(args[2], sep = ";", select = c("BEN_RES_REG", sums),
           colClasses = list(integer = "BEN_RES_REG", numeric = sums))
fwrite(d[, c(lapply(.SD, sum), .(n = .N)), by = BEN_RES_REG, .SDcols = sums], col.names = FALSE)
EOF
    # out-of-pocket: the difference in j. That turns GForce off, but with a dozen regions j runs
    # a dozen times, vectorised; on 1 M rows this was 15-20 % faster than a := column followed
    # by GForce's sum, mean and max (and summed in long double, as sum() does)
    cat >"$PROG/oop.R" <<EOF
$head
d <- fread(args[2], sep = ";", select = c("BEN_RES_REG", "PRS_PAI_MNT", "PRS_REM_MNT"),
           colClasses = list(integer = "BEN_RES_REG", numeric = c("PRS_PAI_MNT", "PRS_REM_MNT")))
fwrite(d[, .(out_of_pocket = sum(PRS_PAI_MNT - PRS_REM_MNT), mean_pai = mean(PRS_PAI_MNT),
             max_pai = max(PRS_PAI_MNT), n = .N), by = BEN_RES_REG], col.names = FALSE)
EOF
    local groups_read='d <- fread(args[2], sep = ";", select = c("BEN_RES_DPT", "PRS_NAT", "PRS_PAI_MNT"),
           colClasses = list(character = "BEN_RES_DPT", integer = "PRS_NAT", numeric = "PRS_PAI_MNT"))'
    cat >"$PROG/groups.R" <<EOF
$head
$groups_read
fwrite(d[, .(pai = sum(PRS_PAI_MNT), n = .N), by = .(BEN_RES_DPT, PRS_NAT)], col.names = FALSE)
EOF
    cat >"$PROG/top.R" <<EOF
$head
$groups_read
g <- d[, .(pai = sum(PRS_PAI_MNT), n = .N), by = .(BEN_RES_DPT, PRS_NAT)]
fwrite(head(g[order(-pai)], $TOP), col.names = FALSE)
EOF
    local q
    for q in gp rows oop groups top; do duck_sql $q "$PLAIN" >"$PROG/$q.sql"; done
    duck_sql gz "$GZ" >"$PROG/gz.sql"
    duck_sql year "$YEAR_GLOB" >"$PROG/year.sql"
}

# The tools of a query on the plain month, in table order. ref: REF/QUERY (checked totals). A
# peer with no command for the query (c_args, datamash_cmd or mlr_verbs give none) is left out;
# define_queries says why with left_out.
plain_tools() {
    local q=$1 ds r="$REF/$1" c cmd
    ds="$DS aggregate $(ds_args "$q")"
    tool "$q" ds1 "damirstat -j1" "$SIZE" "$r" "$ds -j1 $PLAIN"
    tool "$q" ds2 "damirstat -j$THREADS" "$SIZE" "$r" "$ds -j$THREADS $PLAIN"
    tool "$q" newlines "memchr newline count (bench/newlines.c)" "$SIZE" lines "$BIN/newlines $PLAIN"
    tool "$q" wc "wc -l" "$SIZE" lines "wc -l <$PLAIN"
    if c=$(c_args "$q") && [ -n "$c" ]; then
        tool "$q" strsep "naive C: getline + strsep (bench/strsep_sum.c)" "$SIZE" "$r" "$BIN/strsep_sum $PLAIN $c"
        tool "$q" libcsv "libcsv loop (bench/libcsv_sum.c)" "$SIZE" "$r" "$BIN/libcsv_sum $PLAIN $c"
    fi
    if have mawk && [ "$q" = top ]; then
        tool "$q" mawk "mawk | sort | head" "$SIZE" "$r" \
            "mawk -f $PROG/groups.awk $PLAIN | sort -t, -k3,3 -rn | head -n $TOP"
    elif have mawk; then
        tool "$q" mawk "mawk" "$SIZE" "$r" "mawk -f $PROG/$q.awk $PLAIN"
    fi
    if have datamash && have mawk && cmd=$(datamash_cmd "$q"); then
        tool "$q" datamash "GNU datamash -s (after cut or a mawk filter)" "$SIZE" "$r" "$cmd"
    fi
    if have mlr && cmd=$(mlr_verbs "$q"); then
        tool "$q" miller "Miller --icsvlite, first 1/$FRACTION of the file" "$SLICE_BYTES" \
            "$r.slice" "mlr --icsvlite --ifs ';' --ocsv --headerless-csv-output $cmd $SLICE"
    fi
    have duckdb && tool "$q" duck1 "DuckDB, 1 thread" "$SIZE" "$r" "$DUCK 1 $PROG/$q.sql"
    have duckdb && tool "$q" duck2 "DuckDB, $THREADS threads" "$SIZE" "$r" "$DUCK $THREADS $PROG/$q.sql"
    have dt && tool "$q" dt1 "data.table fread(select), 1 thread" "$SIZE" "$r" "Rscript $PROG/$q.R 1 $PLAIN"
    have dt && tool "$q" dt2 "data.table fread(select), $THREADS threads" "$SIZE" "$r" \
        "Rscript $PROG/$q.R $THREADS $PLAIN"
    return 0
}

define_queries() {
    local ds
    local manifest="the generator's manifest (the planted GP acts and rows of each department)"
    local slice="; Miller's slice against damirstat's totals on the slice"
    local own="damirstat -j2's totals (whose row count equals the manifest's)"
    query gp 1 "GP filter: GP visits by department" \
        "Rows with PRS_NAT in ($GP_CODES) and PSE_SPE_SNDS = 1 (about 12 % of rows), by BEN_RES_DPT: sum of PRS_ACT_QTE, count. damirstat runs \`--measure gp-visits\`, defined as exactly this filter and sum (\`damirstat aggregate --measure list\`); the peers spell the filter out" \
        "$manifest$slice"
    plain_tools gp
    # What the R and node processes cost before reading a byte (they are in the rows below)
    have duckdb && tool gp duck0 "node + DuckDB startup alone (SELECT version())" "$SIZE" none \
        "$DUCK 1 $W/duck/version.sql"
    have dt && tool gp dt0 "R + data.table startup alone" "$SIZE" none "Rscript -e 'library(data.table)'"
    query rows 1 "Every-row sums: five money columns by region" \
        "Every row, by BEN_RES_REG: sums of ${SUMS//,/, } (exact cents), count" "$own$slice"
    plain_tools rows
    query oop 1 "Out-of-pocket cost by region" \
        "Every row, by BEN_RES_REG: sum of $OOP (amount spent less the compulsory reimbursement; exact cents), mean and largest PRS_PAI_MNT, count. DuckDB reads the amounts as DECIMAL(15,2) (exact sums); the C loops sum exact cents and print the mean as the exact sum over the count" \
        "$own$slice"
    plain_tools oop
    left_out oop "GNU datamash (no arithmetic between columns: a mawk step would do the work)"
    query groups 2 "Many groups: department × PRS_NAT" \
        "Every row, by BEN_RES_DPT and PRS_NAT: sum of PRS_PAI_MNT, count" "$own$slice"
    plain_tools groups
    query top 2 "Top $TOP: the department × PRS_NAT pairs with the most spending" \
        "The many-group query, then its $TOP groups with the largest sum of PRS_PAI_MNT (\`--top $TOP --order sum_PRS_PAI_MNT\`; SQL ORDER BY ... LIMIT; data.table order() and head(); sort -rn | head after mawk)" \
        "damirstat -j2's $TOP groups (the same as the first $TOP of the many-group totals by sum)"
    plain_tools top
    left_out top "the C loops and GNU datamash (no ordering: their many-group run plus a sort is the mawk row's pattern), Miller (its slice would time the many-group query again)"

    query gz 1 "gzip input: the GP filter on the same month as one gzip -6 file" \
        "The GP filter query above, reading the .csv.gz; the decompressors alone give the floor" \
        "$manifest; the decompressors' output against the plain month (once, untimed)"
    ds="$DS aggregate $(ds_args gz)"
    tool gz ds1 "damirstat -j1" "$SIZE" "$REF/gp" "$ds -j1 $GZ"
    tool gz ds2 "damirstat -j$THREADS" "$SIZE" "$REF/gp" "$ds -j$THREADS $GZ"
    have igzip && tool gz igzip "ISA-L igzip -dc alone" "$SIZE" same "igzip -dc $GZ >/dev/null"
    tool gz isal "ISA-L inflate loop alone (bench/isal_inflate.c)" "$SIZE" bytes "$BIN/isal_inflate $GZ"
    tool gz gzip "GNU gzip -dc alone" "$SIZE" same "gzip -dc $GZ >/dev/null"
    have igzip && have mawk && tool gz mawk "igzip -dc | mawk" "$SIZE" "$REF/gp" \
        "igzip -dc $GZ | mawk -f $PROG/gp.awk"
    have duckdb && tool gz duck1 "DuckDB, 1 thread" "$SIZE" "$REF/gp" "$DUCK 1 $PROG/gz.sql"
    have duckdb && tool gz duck2 "DuckDB, $THREADS threads" "$SIZE" "$REF/gp" "$DUCK $THREADS $PROG/gz.sql"

    query year 1 "A year of files: the GP filter over 12 monthly gzip -6 files" \
        "The GP filter query over 12 files of 1/12 of the rows each (the same total size as the month)" \
        "the year's manifest; igzip's output against gzip -dc's (once, untimed)"
    ds="$DS aggregate $(ds_args year)"
    tool year ds1 "damirstat -j1" "$YEAR_BYTES" "$REF/year" "$ds -j1 $YEAR_GLOB"
    tool year ds2 "damirstat -j$THREADS" "$YEAR_BYTES" "$REF/year" "$ds -j$THREADS $YEAR_GLOB"
    have igzip && tool year igzip "ISA-L igzip -dc alone, one process" "$YEAR_BYTES" same \
        "igzip -dc $YEAR_GLOB >/dev/null"
    have igzip && tool year igzip2 "ISA-L igzip -dc alone, $THREADS processes (xargs -P)" "$YEAR_BYTES" same \
        "ls $YEAR_GLOB | xargs -P $THREADS -n 1 igzip -dc >/dev/null"
    have duckdb && tool year duck1 "DuckDB, 1 thread" "$YEAR_BYTES" "$REF/year" "$DUCK 1 $PROG/year.sql"
    have duckdb && tool year duck2 "DuckDB, $THREADS threads" "$YEAR_BYTES" "$REF/year" \
        "$DUCK $THREADS $PROG/year.sql"
    return 0
}
