# --sum EXPR, --mean, --min, --max and --count-if against an independent awk reference
# (measures_ref.awk: cents read from the decimal text), on the real Open DAMIR lines, on
# lines varied from them (negative amounts, .81, -.57, empty fields), on those with empty
# amounts (missing, as SQL's NULL) and on generated DAMIR-shaped files; the same bytes with
# -j1 and -j2 cut into pieces, and from two partials merged.
. ./gen_lib.inc
cd "$TMP" || exit 9
REF="$OLDPWD/measures_ref.awk"
Q="--sum PRS_PAI_MNT-PRS_REM_MNT --mean PRS_PAI_MNT --min PRS_REM_MNT --max PRS_PAI_MNT"
COND="PRS_NAT in (1110, 1111)"
check() { # check NAME KEY FILE...: damirstat against awk, by KEY
    name=$1 key=$2
    shift 2
    "$DS" aggregate -j1 --by "$key" $Q --count-if "$COND as gp" --count "$@" > "$name.ds" || exit 9
    head -1 "$name.ds"
    tail -n +2 "$name.ds" | LC_ALL=C sort > "$name.got"
    awk -v key="$key" -f "$REF" "$@" | LC_ALL=C sort > "$name.want"
    cmp "$name.got" "$name.want" && echo "$name: $(wc -l < "$name.want") groups as awk"
}
check real BEN_RES_REG "$FIXTURES/open-damir/A202501-head.csv"
awk -v copies=40 -f "$OLDPWD/gen_lines.awk" "$FIXTURES/open-damir/A202501-head.csv" > varied.csv
check varied BEN_RES_REG varied.csv
# empty amounts: PRS_PAI_MNT on every third row, PRS_REM_MNT on every fourth, both on every
# row of region 99 (a group whose mean, min and max are empty); -j2 in pieces, the files in
# another order and two partials merged give the same bytes
awk -F';' -v OFS=';' 'NR > 1 && (NR % 3 == 0 || $4 == 99) { $21 = "" }
                      NR > 1 && (NR % 4 == 0 || $4 == 99) { $23 = "" } { print }' varied.csv > blank.csv
head -1 blank.csv > blank2.csv && sed -n '2,500p' blank.csv >> blank2.csv
head -1 blank.csv > blank1.csv && tail -n +501 blank.csv >> blank1.csv
check blanked BEN_RES_REG blank.csv
grep -c '^99,[^,]*,,,,' blanked.got
B="--by BEN_RES_REG $Q --count-if"
DAMIRSTAT_PIECE_BYTES=3000 "$DS" aggregate -j2 $B "$COND as gp" --count blank1.csv blank2.csv > blank.j2 || exit 9
cmp blanked.ds blank.j2 && echo "blanked: -j2 in pieces, files in another order: same bytes"
"$DS" aggregate $B "$COND as gp" --count blank1.csv --partial b1.part || exit 9
"$DS" aggregate $B "$COND as gp" --count blank2.csv --partial b2.part || exit 9
"$DS" merge b2.part b1.part > blank.merged || exit 9
cmp blanked.ds blank.merged && echo "blanked: merged partials: same bytes"
"$DS" gen --seed 5 --rows 30000 --months 202401-202402 --geo dept -o gen $TABLES > /dev/null || exit 9
check generated BEN_RES_DPT gen/A202401.csv gen/A202402.csv
# threads, pieces and partials give the same bytes
A="--by BEN_RES_DPT $Q --count-if"
DAMIRSTAT_PIECE_BYTES=100000 "$DS" aggregate -j2 $A "$COND as gp" --count gen/A202402.csv \
    gen/A202401.csv > j2.ds || exit 9
cmp generated.ds j2.ds && echo "-j2 in pieces, files in another order: same bytes"
"$DS" aggregate $A "$COND as gp" --count gen/A202401.csv --partial jan.part || exit 9
"$DS" aggregate $A "$COND as gp" --count gen/A202402.csv --partial feb.part || exit 9
"$DS" merge feb.part jan.part > merged.ds || exit 9
cmp generated.ds merged.ds && echo "merged partials: same bytes"
head -1 jan.part
# --measure out-of-pocket is the same sum as awk's (spent less reimbursed), named
"$DS" aggregate --measure out-of-pocket --by BEN_RES_REG varied.csv > oop.ds || exit 9
head -1 oop.ds
tail -n +2 oop.ds | LC_ALL=C sort | cut -d, -f1,2 | cmp - "$(cut -d, -f1,2 varied.want > oop.want && echo oop.want)" &&
    echo "out-of-pocket: as awk"
