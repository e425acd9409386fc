# A [corr] without bootstrap = says "no bootstrap" (it said "bootstrap: 0 pair resamples,
# seed 2015", which reads as a bootstrap that failed), one with it gives its resamples.
cd "$ROOT" || exit 3
"$DS" run -q studies/lifestyle-real.study -o "$TMP/l" >/dev/null || exit
grep '^`licences_2016` and ' "$TMP/l/report.md" | sed 's/.*left out)//'
