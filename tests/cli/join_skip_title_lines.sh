# --skip N,M drops title lines above RIGHT's header (an INSEE download); the join is the one
# made on a copy without them, byte for byte. --skip N alone applies to both tables.
J=../fixtures/join
{ printf 'Médecins par département\nSource : DREES\n\n'; cat "$J/right.csv"; } > "$TMP/titled.csv"
{ printf 'title\n\n\n'; cat "$J/left.csv"; } > "$TMP/left3.csv"
"$DS" join "$J/left.csv" "$J/right.csv" --on dep=code -q > "$TMP/want"
"$DS" join "$J/left.csv" "$TMP/titled.csv" --on dep=code -q --skip 0,3 | cmp - "$TMP/want" && echo "--skip 0,3: same join"
"$DS" join "$TMP/left3.csv" "$TMP/titled.csv" --on dep=code -q --skip 3 | cmp - "$TMP/want" && echo "--skip 3: same join"
"$DS" join "$J/left.csv" "$TMP/titled.csv" --on dep=code -q --skip 0,x; echo "exit $?"
