# The help documents the formula language and the density-versus-visits example.
"$DS" fit --help > "$TMP/help.txt" || exit 9
grep -c "I(a^2)" "$TMP/help.txt"
grep -c "y ~ a - 1" "$TMP/help.txt"
grep -c "hc3" "$TMP/help.txt"
grep "acte_affilies ~ densite_medecins" "$TMP/help.txt"
