# The JSON keys and values (R 4.2.2 cor.test, digits = 17), compared numerically to 1e-12.
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --format json --level 0.9 >"$TMP/j" || exit
sed 's/{/\n/g; s/\([0-9]\)\([],}]\)/\1\n\2/g; s/,"/\n"/g' "$TMP/j" | awk -F: '
BEGIN { want["\"estimate\""] = 0.57118155756382871; want["\"statistic\""] = 1.8410826381153382
        want["\"p_value\""] = 0.10817305434949379; want["\"ci_low\""] = -0.022230227504511643
        want["\"ci_high\""] = 0.86697863480761439; want["\"df\""] = 7; want["\"n\""] = 9
        want["\"n_dropped\""] = 2; want["\"level\""] = 0.9 }
{ k = $NF == "" ? "" : $(NF-1); if (k in want) { d = $NF - want[k]; if (d < 0) d = -d
  print k, (d <= 1e-12 * (want[k] < 0 ? -want[k] : want[k]) ? "ok" : "BAD " $NF); delete want[k] } }
END { for (k in want) print k, "missing" }'
grep -c '"boot_bca_high":null,"p_permutation":null}}$' "$TMP/j"
grep -o '"pearson":{' "$TMP/j"
