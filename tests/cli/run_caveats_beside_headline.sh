# The 2013 headline carries its caveats: HC3 interval including 0, Moran's I of the residuals,
# and Mayotte's Cook's distance (values checked against R in run_density_2013).
cd "$ROOT" || exit 3
"$DS" run studies/density-visits-2013.study --out "$TMP/o" >/dev/null || exit 1
grep '^\*\*Headline' "$TMP/o/report.md" | grep -o 'Read with care:.*' |
  sed 's/(Moran.s I = [0-9.]*, z = [0-9.]*, p = [0-9.e-]*, as spdep.s lm.morantest)/(Moran, lm.morantest)/'
