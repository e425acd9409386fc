# --having treats an empty mean as SQL's NULL, with the three-valued rules of --where: in
# 'mean_A > 5 or count >= 2' the mean's comparison is unknown and `or` is true on the count,
# so group 2 (two rows, A empty in both) is kept; the filter used to drop any group whose
# mean it compared. A code compared with a number that is not one is an error, as --where.
# DuckDB (columns K INTEGER, A DECIMAL(18,2), read_csv delim ';'):
#   select K, avg(A), count(*) ... group by K having avg(A) > 5 or count(*) >= 2
#     -> 1,7,1 / 2,NULL,2
#   ... having not (K > 1 and avg(A) < 5) -> 1,7,1
cd "$TMP" || exit 3
printf 'K;A\n1;7\n2;\n2;\n3;1\n;4\n' >h.csv
"$DS" aggregate h.csv --by K --mean A --count --having 'mean_A > 5 or count >= 2'
echo "exit $?"
"$DS" aggregate h.csv --by K --mean A --count --having 'not (K > 1 and mean_A < 5)'
echo "exit $?"
"$DS" aggregate h.csv --by K --mean A --count --partial h.part
"$DS" merge h.part --having 'mean_A > 5 or count >= 2' --format json | jq -c .rows
echo "exit $?"
printf 'K;A\n2A;1\n2B;2\n1;3\n' >corse.csv
"$DS" aggregate corse.csv --by K --count --having 'K < 30' -o t.csv
echo "exit $?"
ls t.csv 2>/dev/null || echo "no t.csv"
