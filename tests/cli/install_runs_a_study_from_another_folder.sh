# make install into a DESTDIR with PREFIX=/usr, then the installed binary, run from an
# unrelated folder, runs an installed study on the installed reference tables (found from
# the binary as ../share/damirstat), and ships its man page and completion scripts.
cd "$TMP" || exit 9
make -s -C "$ROOT" -o "$DS" install BIN="$DS" BUILD="$TMP/build" DESTDIR="$TMP/inst" \
    PREFIX=/usr > make.log 2>&1 || { cat make.log; exit 9; }
I="$TMP/inst/usr"
for f in bin/damirstat share/man/man1/damirstat.1 share/bash-completion/completions/damirstat \
         share/zsh/site-functions/_damirstat share/damirstat/README.md \
         share/damirstat/SOURCES.md share/damirstat/external-data/SOURCES.md \
         share/damirstat/external-data/departements.csv share/damirstat/docs/study-format.md \
         share/damirstat/studies/density-visits-2013.study; do
    [ -f "$I/$f" ] || echo "missing: $f"
done
[ -e "$I/share/damirstat/external-data/raw" ] && echo "raw/ installed"
mkdir elsewhere && cd elsewhere || exit 9
"$I/bin/damirstat" run "$I/share/damirstat/studies/density-visits-2013.study" -o out \
    | sed -n 1p | cut -c1-80
ls out | grep -c png
# the study on real Open DAMIR lines finds them installed too (it stopped at "no file
# matches 'tests/fixtures/open-damir/A202501-head.csv'")
"$I/bin/damirstat" run "$I/share/damirstat/studies/regions-real.study" -o real -q > /dev/null
echo "regions-real: exit $?"
grep -c 'A202501-head.csv' real/report.md
# the report lists the installed tables it read
grep -c "inst/usr/share/damirstat/external-data/hackathon-2013/" out/report.md
# the man page renders without a warning
groff -man -Tutf8 -ww -z "$I/share/man/man1/damirstat.1" && echo "man page renders"
