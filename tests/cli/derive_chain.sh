# Later definitions use earlier ones; a backquoted name; a missing operand stays missing.
# Expected by hand: 1000/10 = 100, 2*log(100) = 9.2103403719761836 (R: print(2*log(100), digits=17)),
# -2^2 + 100 = 96; row 3 has no visits, so every derived cell is empty.
"$DS" derive ../fixtures/derive/small.csv 'per_gp = visits / gp' 'l = log(per_gp) * 2' ' `x y` = -2^2 + per_gp' 2>"$TMP/err"; cat "$TMP/err"
