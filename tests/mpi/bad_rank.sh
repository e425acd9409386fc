# Bad input met by one rank fails the whole job: exit 1, the file:line:col message once
# (the one a single process prints), no output file, no temp file; other errors keep their
# exit status (2 usage, 3 I/O).
. "$ROOT/tests/mpi/lib.inc"
D="$TMP/data"
make_months "$D"
# Line 7000 of February gets a comma decimal in PRS_PAI_MNT; awk says which column it is at.
col=$(head -1 "$D/A202402.csv" | tr ';' '\n' | grep -nx PRS_PAI_MNT | cut -d: -f1)
awk -F';' -v OFS=';' -v c="$col" 'NR == 7000 { $c = "12,5x" } { print }' "$D/A202402.csv" >"$TMP/bad.csv"
byte=$(sed -n 7000p "$TMP/bad.csv" | awk -F';' -v c="$col" '{ n = 1; for (i = 1; i < c; i++) n += length($i) + 1; print n }')
want="damirstat: $TMP/bad.csv:7000:$byte: PRS_PAI_MNT: expected a number, got \"12,5x\""
Q="--by BEN_RES_DPT --sum PRS_ACT_QTE,PRS_PAI_MNT --count --quiet"

mpi3 aggregate $Q "$D/A202401.csv" "$TMP/bad.csv" "$D/A202403.csv" "$D/A202404.csv.gz" \
    -o "$TMP/out.csv" >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
test $rc -eq 1 || fail "bad data: exit $rc, want 1"
test "$(grep -c '^damirstat: ' "$TMP/stderr")" -eq 1 || fail "message not printed exactly once: $(cat "$TMP/stderr")"
grep -qxF "$want" "$TMP/stderr" || fail "message: want '$want', got '$(grep '^damirstat' "$TMP/stderr")'"
test ! -e "$TMP/out.csv" || fail "output file written"
test -z "$(ls "$TMP" | grep '\.tmp\.')" || fail "temp file left"
test ! -s "$TMP/stdout" || fail "stdout not empty"
"$DS" aggregate $Q "$D/A202401.csv" "$TMP/bad.csv" "$D/A202403.csv" "$D/A202404.csv.gz" 2>"$TMP/single.err" >/dev/null
grep -qxF "$want" "$TMP/single.err" || fail "single-process message differs: $(cat "$TMP/single.err")"

# The earliest bad line wins whichever rank met it: a second bad file before the first.
awk -F';' -v OFS=';' -v c="$col" 'NR == 4000 { $c = "x" } { print }' "$D/A202401.csv" >"$TMP/bad0.csv"
mpi3 aggregate $Q "$TMP/bad0.csv" "$TMP/bad.csv" -o "$TMP/out.csv" 2>"$TMP/stderr"
test $? -eq 1 || fail "two bad files: exit status"
grep -q "^damirstat: $TMP/bad0.csv:4000:" "$TMP/stderr" || fail "two bad files: $(grep '^damirstat' "$TMP/stderr")"

# --skip-bad: counted over all ranks, first bad row named as a single process names it (a
# copy of the bad month: the same file twice is refused, as it would be counted twice).
cp "$TMP/bad.csv" "$TMP/bad-copy.csv"
mpi3 aggregate $Q --skip-bad "$D/A202401.csv" "$TMP/bad.csv" "$TMP/bad-copy.csv" >/dev/null 2>"$TMP/stderr" || fail "skip-bad exit"
grep -qxF "damirstat: skipped 2 bad rows of 30000 (first: $TMP/bad.csv:7000:$byte: PRS_PAI_MNT: expected a number, got \"12,5x\")" \
    "$TMP/stderr" || fail "skip-bad report: $(cat "$TMP/stderr")"

# A gzip month without the summed column, on whichever rank gets it: exit 1, named.
zcat "$D/A202404.csv.gz" | sed '1s/PRS_PAI_MNT/PRS_PAI_XXX/' | gzip >"$TMP/nocol.csv.gz"
mpi3 aggregate $Q "$D/A202401.csv" "$TMP/nocol.csv.gz" -o "$TMP/out.csv" 2>"$TMP/stderr"
test $? -eq 1 || fail "missing column: exit status"
test "$(grep -c '^damirstat: .*nocol.csv.gz.*PRS_PAI_MNT' "$TMP/stderr")" -eq 1 || fail "missing column: $(cat "$TMP/stderr")"
test ! -e "$TMP/out.csv" || fail "missing column: output file written"

# A missing file: I/O, exit 3; stdin cannot be shared: usage, exit 2.
mpi3 aggregate $Q "$D/A202401.csv" "$TMP/nope.csv" 2>"$TMP/stderr"
test $? -eq 3 || fail "missing file: exit status"
test "$(grep -c '^damirstat: .*nope.csv' "$TMP/stderr")" -eq 1 || fail "missing file: $(cat "$TMP/stderr")"
mpi3 aggregate $Q - <"$D/A202401.csv" 2>"$TMP/stderr"
test $? -eq 2 || fail "stdin: exit status"
grep -q "^damirstat: aggregate: '-' (stdin) cannot be shared" "$TMP/stderr" || fail "stdin: $(cat "$TMP/stderr")"
echo "bad_rank: passed"
