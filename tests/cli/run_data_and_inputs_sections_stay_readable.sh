# The report's Data section gives each join's count of unmatched keys and the first ten (the
# department panel listed 404 keys), and its Inputs table lists every file the study reads
# once (licences-departements.csv three times before) and includes the files a
# [standardize] reads (population-regions-open-damir-sexe.csv was missing).
# Counts, by hand from the files: acts 101 departments x 2010-2014; protected population
# 2009-2014 without Mayotte 2009-2010 (604 rows); RPPS 2013-2014: `ap` misses Mayotte 2010
# (left) and the 100 departments of 2009 (right); `panel` misses 2010-2012 of the 504 rows
# of `ap` (3 x 101 - 1 = 302).
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-panel.study -o "$TMP/p" >/dev/null || exit
grep '^`ap`\|^`panel`' "$TMP/p/report.md" | sed 's/: (.*\( and [0-9]* more\)/: …\1/'
for s in lifestyle-real regions-panel-real; do
    "$DS" run -q studies/$s.study -o "$TMP/$s" >/dev/null || exit
    echo "$s: $(sed -n '/^## Inputs/,/^## /p' "$TMP/$s/report.md" | grep -c '^| [^f-]') inputs," \
        "$(sed -n '/^## Inputs/,/^## /p' "$TMP/$s/report.md" | grep '^| [^f-]' | cut -d' ' -f2 |
           sort | uniq -d | wc -l) repeated"
    jq -r '.inputs[].path' "$TMP/$s/results.json" | grep 'sexe\|licences' | sort
done
