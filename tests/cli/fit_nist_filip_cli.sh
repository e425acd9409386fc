# NIST StRD Filip end to end: the command line, the formula path, JSON with 17 digits; the
# log relative error of every coefficient and standard error against Filip.cert must be >= 9.
cert="$FIXTURES/nist/Filip.cert"
"$DS" fit "$FIXTURES/nist/Filip.csv" --format json --model 'y ~ x + I(x^2) + I(x^3) + I(x^4) +
    I(x^5) + I(x^6) + I(x^7) + I(x^8) + I(x^9) + I(x^10)' > "$TMP/filip.json" || exit 9
jq -r '.coefficients | to_entries[] | "b\(.key) \(.value.estimate) \(.value.std_error)"' \
    "$TMP/filip.json" > "$TMP/got.txt"
jq -r '"residual_sd \(.sigma)", "r_squared \(.r_squared)", "aliased \(.aliased | length)"' \
    "$TMP/filip.json" >> "$TMP/got.txt"
awk 'function lre(e, c,  d) { d = e - c; if (d < 0) d = -d; if (c < 0) c = -c
                              return d == 0 ? 15 : -log(d / c) / log(10) }
  FNR == NR { if ($2 == "=") cert[$1] = $3; next }
  $1 ~ /^b/ { l1 = lre($2, cert[$1]); l2 = lre($3, cert[$1 "_sd"])
              print $1, (l1 >= 9 && l2 >= 9 ? "ok" : "bad " l1 " " l2); next }
  $1 == "aliased" { print; next }
  { l = lre($2, cert[$1]); print $1, (l >= 9 ? "ok" : "bad " l) }' "$cert" "$TMP/got.txt"
