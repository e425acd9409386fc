# --months across a new year: one file per month, FLX_ANN_MOI = the file's month, rows add
# up to --rows, and GP totals per department and year (from FLX_ANN_MOI) = the manifest.
. ./gen_lib.inc
set -e
"$DS" gen --seed 4 --rows 5001 --months 202411-202502 --geo dept -o "$TMP/d" --truth "$TMP/t.json" $TABLES
test "$(cd "$TMP/d" && ls | tr '\n' ' ')" = "A202411.csv A202412.csv A202501.csv A202502.csv "
for m in 202411 202412 202501 202502; do
    awk -F';' -v m=$m 'FNR > 1 && $1 != m { print FILENAME ":" FNR ": " $1; bad = 1 } END { exit bad }' "$TMP/d/A$m.csv"
done
test "$(cat "$TMP"/d/A*.csv | grep -vc '^FLX')" -eq 5001
for y in 2024 2025; do
    gp_totals BEN_RES_DPT "$TMP"/d/A$y*.csv | cut -d' ' -f1,2 >"$TMP/awk$y"
    sed -n '/"departments": \[/,/^  \],/p' "$TMP/t.json" | tr '{' '\n' |
        sed -n "s/.*\"dep\": \"\\([^\"]*\\)\".*/D \\1/p; s/\"year\": $y, \"gp_acts\": \\([0-9]*\\).*/\\1/p" |
        paste -d' ' - - | cut -d' ' -f2,3 | sort >"$TMP/truth$y"
    diff "$TMP/awk$y" "$TMP/truth$y"
done
