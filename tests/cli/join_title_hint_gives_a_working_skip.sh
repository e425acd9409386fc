# A title line above one table of a join: the hint gives --skip N,M for the table that has
# it (--skip N alone drops N lines of both), keeping what was given for the other; the
# command as hinted joins. With titles above both, following the hints twice joins too.
cd "$TMP" || exit 9
printf 'dep,visits\n01,5\n02,6\n' > plain.csv
printf 'Population by department (INSEE 2021)\ndep,pop\n01,100\n02,200\n' > title1.csv
printf 'Title one\nTitle two\ndep;pop\n01;100\n02;200\n' > title2.csv
# follow the hints until the join runs (three tries at most)
follow() {
    skip=""
    for try in 1 2 3; do
        "$DS" join "$1" "$2" --on dep $skip > out.csv 2> err.txt && break
        cat err.txt
        skip=$(sed -n 's/.*? \(--skip [0-9]*,[0-9]*\) drops.*/\1/p' err.txt)
        [ -n "$skip" ] || { echo "no --skip N,M in the hint"; return; }
    done
    echo "joined with '$skip':"
    cat out.csv
}
follow plain.csv title2.csv
follow title1.csv plain.csv
follow title1.csv title2.csv
