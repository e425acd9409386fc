# The real Open DAMIR lines, by BEN_RES_REG (field 4): PRS_PAI_MNT (21), PRS_ACT_QTE (19)
# and the row count must equal awk's exact totals.
F="$FIXTURES/open-damir/A202501-head.csv"
cat > "$TMP/want.awk" <<'AWK'
NR > 1 { pai[$4] += cents($21); qte[$4] += cents($19); n[$4]++ }
END { for (k in n) printf "%s,%s,%s,%d\n", k, dec(pai[k]), dec(qte[k]), n[k] }
AWK
{ echo "BEN_RES_REG,sum_PRS_PAI_MNT,sum_PRS_ACT_QTE,count"
  awk -F';' -f cents.awk -f "$TMP/want.awk" "$F" | sort -t, -k1,1n; } > "$TMP/want"
"$DS" aggregate "$F" --by BEN_RES_REG --sum PRS_PAI_MNT,PRS_ACT_QTE --count > "$TMP/got" || exit 9
cmp "$TMP/want" "$TMP/got" && wc -l < "$TMP/got"
