# --skip-bad counts bad rows (wrong field count, bad numbers, bad codes) instead of failing,
# says how many on stderr with the first one, and in JSON; good rows are summed as usual.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2.5;x;\n1;oops;x;\n2;1;\n2;-1.25;y;\n1;1;x;extra;\n3;.5;z;\n" > s.csv
"$DS" aggregate s.csv --by A --sum B --count --skip-bad
"$DS" aggregate s.csv --sum B --skip-bad --format json -j2
