# A typo in a study is FILE:LINE: message, exit 1, and nothing is written.
cd "$TMP" || exit 3
printf '[study]\ntitle = t\n\n[output]\ndir = out\nformat = md\n' >s.study
"$DS" run s.study
rc=$?
[ -e out ] && echo "out/ was created"
exit $rc
