# report.md of the 2013 study carries the descriptive statistics of the headline model's
# data, checked against R 4.2 (quartiles type 7, SD with n - 1):
#   d <- read.csv2("damir2013_2.csv", colClasses = c(codep = "character"))
#   for (v in c("acte_affilies", "densite_medecins")) { x <- d[[v]]
#     print(c(length(x), mean(x), sd(x), quantile(x, c(0, .25, .5, .75, 1), type = 7))) }
#   acte_affilies    101 4.0428895714 0.6743682995 0.5867163104 3.7150556837 4.0313226423
#                        4.4473378066 5.6005417000
#   densite_medecins 101 179.38979928 32.00842583 89.22137195 158.76394218 178.71149016
#                        200.41905803 290.40575383
# (report.md rounds to three decimals); the models side by side (the share_* terms summed up
# in a row, as [report] table_omit says); and report.html, one self-contained page: no
# src or href but data: URIs, the four figures inline, tags balanced (tests/fixtures/html/
# htmlcheck.py, on Python's html.parser).
cd "$ROOT" || exit 3
"$DS" run studies/density-visits-2013.study --out "$TMP/o" > "$TMP/stdout" || exit 1
grep '^html:' "$TMP/stdout" | sed "s|$TMP|TMP|"
grep '(`acte_affilies`) | \|(`densite_medecins`) | ' "$TMP/o/report.md"
sed -n '/^## The models side by side/,/^Standard errors/p' "$TMP/o/report.md" |
    grep '^| densite\\_medecins \|^| share\\_\\\* \|^| n \|^| Standard errors '
python3 tests/fixtures/html/htmlcheck.py "$TMP/o/report.html"
# The regions study's report speaks of regions, not departments, and explains no published
# value, since it has none.
"$DS" run studies/regions-real.study --out "$TMP/r" -q > /dev/null || exit 1
grep '^\*\*Headline\|^\*How to read it' "$TMP/r/report.md" | grep -c 'department\|adding doctors\|Published in CI'
grep '^\*How to read it' "$TMP/r/report.md" | grep -o 'The slope compares the Open DAMIR regions[^:]*'
grep -c '^\*How to read it.* The slope compares departments at one time: it is an association, not the effect of adding doctors' "$TMP/o/report.md"
python3 tests/fixtures/html/htmlcheck.py "$TMP/r/report.html"
