# --order on a --by column puts an empty code last in both directions, as it does an empty
# mean (DuckDB's NULLS LAST); descending, it came first. Ties (K = 3) stay in key order.
# DuckDB: select C, K, count(*) from read_csv('o.csv', delim=';', header=true,
#   columns={'C':'INTEGER','K':'VARCHAR'}) group by C, K order by C desc, K
#   -> 3,a,2 / 3,b,1 / 1,a,1 / NULL,a,2 ; order by C asc, K -> 1,a / 3,a / 3,b / NULL,a
cd "$TMP" || exit 3
printf 'C;K\n3;a\n;a\n1;a\n3;b\n;a\n3;a\n' >o.csv
"$DS" aggregate o.csv --by C,K --count --order C
echo "exit $?"
"$DS" aggregate o.csv --by C,K --count --order 'C asc' --format tsv
echo "exit $?"
