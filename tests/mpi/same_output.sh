# The MPI run writes the bytes the single-process run writes (csv, tsv, json, -o, --partial),
# whatever the file order, and its totals are the ones awk computes on its own.
. "$ROOT/tests/mpi/lib.inc"
D="$TMP/data"
make_months "$D"
GP="PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1"
n=0
same() { # NAME ARGS...: single and MPI stdout and exit status must match
    name=$1
    shift
    "$DS" aggregate --quiet "$@" >"$TMP/$name.single" 2>"$TMP/$name.single.err" || fail "$name: single run"
    mpi3 aggregate --quiet "$@" >"$TMP/$name.mpi" 2>"$TMP/$name.mpi.err" || fail "$name: mpi run: $(cat "$TMP/$name.mpi.err")"
    test -s "$TMP/$name.single" || fail "$name: empty output"
    cmp "$TMP/$name.single" "$TMP/$name.mpi" || fail "$name: outputs differ"
    n=$((n + 1))
}
same gp_csv --by BEN_RES_DPT --where "$GP" --sum PRS_ACT_QTE,PRS_PAI_MNT --count "$D"/A2024*
same gp_json --by BEN_RES_DPT --where "$GP" --sum PRS_ACT_QTE,PRS_PAI_MNT --format json "$D"/A2024*
same reg_sex_tsv --by BEN_RES_REG,BEN_SEX_COD --sum PRS_PAI_MNT,PRS_REM_MNT --format tsv "$D"/A2024*
same total_json --where "AGE_BEN_SNDS >= 60 or BEN_SEX_COD = 2" --count --format json "$D"/A2024*
same reversed_order --by BEN_RES_DPT --sum PRS_PAI_MNT "$D"/A202404.csv.gz "$D"/A202403.csv "$D"/A202401.csv "$D"/A202402.csv
# Measures beyond sums travel between ranks too: a mean (a sum), mins, maxes, count-ifs.
same measures --by BEN_RES_REG --sum 'PRS_PAI_MNT - PRS_REM_MNT as oop' --mean PRS_PAI_MNT \
    --min PRS_REM_MNT --max PRS_PAI_MNT --count-if "$GP" --count --having 'count > 10' --order oop "$D"/A2024*
# Empty amounts (PRS_PAI_MNT on every third row and on every row of region 11, PRS_REM_MNT
# on every fourth): the counts of known values travel between ranks, so that means, mins
# and maxes that leave them out are those of one process, and region 11's are empty.
awk -F';' -v OFS=';' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR > 1 && (NR % 3 == 0 || $c["BEN_RES_REG"] == 11) { $c["PRS_PAI_MNT"] = "" }
    NR > 1 && NR % 4 == 0 { $c["PRS_REM_MNT"] = "" } { print }' "$D/A202401.csv" >"$TMP/blank.csv"
same blanked --by BEN_RES_REG --sum 'PRS_PAI_MNT - PRS_REM_MNT as oop' --mean PRS_PAI_MNT \
    --min PRS_REM_MNT --max PRS_PAI_MNT --count "$TMP/blank.csv"
grep -q '^11,[^,]*,,[^,]*,,' "$TMP/blanked.mpi" || fail "blanked: region 11's mean or max is not empty"
# One small gzip file for three ranks: two ranks have nothing to do.
same idle_ranks --by BEN_RES_REG --sum PRS_PAI_MNT --count "$D"/A202404.csv.gz

# -o and --partial: files written by rank 0, merged partial = single table.
"$DS" aggregate --quiet --by BEN_RES_DPT --where "$GP" --sum PRS_PAI_MNT "$D"/A2024* -o "$TMP/o.single" || fail "single -o"
mpi3 aggregate --quiet --by BEN_RES_DPT --where "$GP" --sum PRS_PAI_MNT "$D"/A2024* -o "$TMP/o.mpi" --partial "$TMP/p.mpi" || fail "mpi -o"
cmp "$TMP/o.single" "$TMP/o.mpi" || fail "-o files differ"
"$DS" merge "$TMP/p.mpi" >"$TMP/o.merged" || fail "merge of the MPI partial"
cmp "$TMP/o.single" "$TMP/o.merged" || fail "merged MPI partial differs"

# Independent totals: awk over the same files (gzip through zcat), per department GP acts,
# GP spending in cents, GP rows, against the MPI csv converted to the same numbers.
. "$ROOT/tests/cli/gen_lib.inc"
zcat "$D/A202404.csv.gz" >"$TMP/A202404.csv"
gp_totals BEN_RES_DPT "$D"/A20240[123].csv "$TMP/A202404.csv" >"$TMP/awk.txt"
awk -F, 'NR > 1 { a = $2; sub(/\.00$/, "", a); c = $3; sub(/\./, "", c); sub(/^(-?)0+/, "\\1", c)
                  print $1, a, (c == "" || c == "-" ? 0 : c), $4 }' "$TMP/gp_csv.mpi" | sort >"$TMP/mpi.txt"
test "$(wc -l <"$TMP/awk.txt")" -ge 5 || fail "awk found too few departments"
cmp "$TMP/awk.txt" "$TMP/mpi.txt" || fail "MPI totals differ from awk"
echo "same_output: $((n + 3)) comparisons passed"
