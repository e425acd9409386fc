# --where with in, and, not, between on the real lines, against awk's selection:
# PRS_NAT (40) in a set, PSE_SPE_SNDS (48) not between 2 and 5, SOI_ANN (30) >= 2024.
F="$FIXTURES/open-damir/A202501-head.csv"
cat > "$TMP/want.awk" <<'AWK'
NR > 1 && ($40 == 1110 || $40 == 1111 || $40 == 3116 || $40 == 1976 || $40 == 1972 || $40 == 3366) && !($48 >= 2 && $48 <= 5) && $30 >= 2024 {
    rem[$4] += cents($23); n[$4]++ }
END { for (k in n) printf "%s,%s,%d\n", k, dec(rem[k]), n[k] }
AWK
{ echo "BEN_RES_REG,sum_PRS_REM_MNT,count"
  awk -F';' -f cents.awk -f "$TMP/want.awk" "$F" | sort -t, -k1,1n; } > "$TMP/want"
"$DS" aggregate "$F" --by BEN_RES_REG --sum PRS_REM_MNT --count \
    --where 'PRS_NAT in (1110, 1111, 3116,1976,1972, 3366) and not (PSE_SPE_SNDS between 2 and 5) AND SOI_ANN >= 2024' > "$TMP/got" || exit 9
cmp "$TMP/want" "$TMP/got" && test "$(wc -l < "$TMP/got")" -gt 3 && echo ok
