# Ranks that see other bytes at the same path (a node-local copy that differs, a file being
# replaced as the job starts) stop, all of them, with one message naming the rank and the
# first thing that differs (exit 3, no output file); before, each added its share of its own
# bytes and the totals were wrong with exit 0. Rank 0 runs in d0/ and ranks 1 and 2 in d1/
# (mpirun's per-program --wdir), so the same relative path names two files. With the same
# bytes everywhere the run equals the single-process one, its partial too (byte for byte:
# the record of the inputs, the CRC-32 of pieces read on three ranks, included).
. "$ROOT/tests/mpi/lib.inc"
D="$TMP/data"
make_months "$D"
mkdir -p "$TMP/d0/data" "$TMP/d1/data"
cp "$D/A202401.csv" "$D/A202402.csv" "$D/A202404.csv.gz" "$TMP/d0/data/"
cp "$D/A202401.csv" "$D/A202402.csv" "$D/A202404.csv.gz" "$TMP/d1/data/"
Q="--by BEN_RES_DPT --sum PRS_ACT_QTE,PRS_PAI_MNT --count --quiet"
F="data/A202401.csv data/A202402.csv data/A202404.csv.gz"
mpi_split() { # ARGS...: rank 0 in d0, ranks 1 and 2 in d1
    mpirun --allow-run-as-root --oversubscribe \
        -np 1 -x DAMIRSTAT_PIECE_BYTES=65536 --wdir "$TMP/d0" "$DSMPI" "$@" : \
        -np 2 -x DAMIRSTAT_PIECE_BYTES=65536 --wdir "$TMP/d1" "$DSMPI" "$@"
}
(cd "$TMP/d0" && "$DS" aggregate $Q $F --partial single.p -o single.csv) || fail "single run"
mpi_split aggregate $Q $F -o out.csv --partial mpi.p 2>"$TMP/stderr" || fail "same files: $(cat "$TMP/stderr")"
cmp "$TMP/d0/single.csv" "$TMP/d0/out.csv" || fail "same files: table differs"
cmp "$TMP/d0/single.p" "$TMP/d0/mpi.p" || fail "same files: partial differs"
rm "$TMP/d0/out.csv"

# A copy with one more line on the other node: another size.
tail -1 "$D/A202402.csv" >>"$TMP/d1/data/A202402.csv"
mpi_split aggregate $Q $F -o out.csv >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
test $rc -eq 3 || fail "longer copy: exit $rc, want 3: $(cat "$TMP/stderr")"
test "$(grep -c '^damirstat: ' "$TMP/stderr")" -eq 1 || fail "longer copy: not one message: $(cat "$TMP/stderr")"
grep -q "^damirstat: MPI: rank 1 does not see the inputs rank 0 sees.*rank 0: data/A202402.csv: [0-9]* bytes.*; rank 1: data/A202402.csv: [0-9]* bytes" \
    "$TMP/stderr" || fail "longer copy: $(cat "$TMP/stderr")"
test ! -e "$TMP/d0/out.csv" || fail "longer copy: output written"

# The same size, other first bytes (one digit of a code changed in the first data line).
cp "$D/A202402.csv" "$TMP/d1/data/A202402.csv"
sed -i '2s/;1;/;2;/' "$TMP/d1/data/A202402.csv"
cmp -s "$D/A202402.csv" "$TMP/d1/data/A202402.csv" && fail "the edit changed nothing"
test "$(wc -c <"$D/A202402.csv")" -eq "$(wc -c <"$TMP/d1/data/A202402.csv")" || fail "the edit changed the size"
mpi_split aggregate $Q $F -o out.csv 2>"$TMP/stderr"
rc=$?
test $rc -eq 3 || fail "same size, other bytes: exit $rc, want 3: $(cat "$TMP/stderr")"
grep -q "^damirstat: MPI: rank 1 does not see the inputs rank 0 sees.*first 64 KiB CRC-32" \
    "$TMP/stderr" || fail "same size, other bytes: $(cat "$TMP/stderr")"
test ! -e "$TMP/d0/out.csv" || fail "same size, other bytes: output written"

# A file missing on the other node: that rank's own message (it cannot plan), once.
rm "$TMP/d1/data/A202404.csv.gz"
mpi_split aggregate $Q $F -o out.csv 2>"$TMP/stderr"
rc=$?
test $rc -eq 3 || fail "missing on a node: exit $rc: $(cat "$TMP/stderr")"
test "$(grep -c '^damirstat: ' "$TMP/stderr")" -eq 1 || fail "missing on a node: $(cat "$TMP/stderr")"
grep -q "^damirstat: data/A202404.csv.gz: cannot open" "$TMP/stderr" || fail "missing on a node: $(cat "$TMP/stderr")"
echo "plan_agreement: passed"
