# An installed study on generated data, run from a folder without them, says where it
# looked (the share folder once, though the binary reaches it as bin/../share/damirstat
# and the study's folder as share/damirstat/studies/..) and how to make the data: its
# [inputs] made_by command. That command, with fewer rows, makes what the study reads.
cd "$TMP" || exit 9
S="$TMP/p/share/damirstat"
mkdir -p p/bin "$S/studies" elsewhere || exit 9
cp "$DS" p/bin/damirstat || exit 9
cp "$ROOT/studies/density-visits.study" "$ROOT/studies/lifestyle-generated.study" "$S/studies/"
ln -s "$ROOT/external-data" "$S/external-data"
cd elsewhere || exit 9
for st in density-visits lifestyle-generated; do
    "$TMP/p/bin/damirstat" run "$S/studies/$st.study" 2> err.txt
    echo "$st: exit $?"
    sed "s|$TMP|TMP|g" err.txt
done
cmd=$(sed -n 's/.*run `\([^`]*\)`.*/\1/p' err.txt | sed 's/--rows 2000000/--rows 20000/')
set -- $cmd
[ "$1" = damirstat ] || { echo "hint is not a damirstat command: $cmd"; exit 9; }
shift
"$TMP/p/bin/damirstat" "$@" > /dev/null 2>&1 || echo "the hinted command failed"
"$TMP/p/bin/damirstat" run "$S/studies/density-visits.study" > /dev/null 2>&1
echo "after the hinted command: exit $?"
