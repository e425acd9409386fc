# An empty field is missing in --mean, --min and --max, as SQL's NULL: left out of the mean
# (sum of the known values over their number), the min and the max; a group with no known
# value prints an empty cell (JSON null). An expression leaves out a row with an empty
# column (A - B with A or B empty), as a sum of it does; a sum of a column adds an empty
# field as 0 and a sum of no known value is 0 (SQL: NULL, hence coalesce below). Before,
# group 1 printed mean 2.166667 and min 0.00, and group 3 printed 0.000000, 0.00, 0.00.
# Reference: DuckDB 1.5 (npm @duckdb/node-api), the columns read as DECIMAL(18,2):
#   SELECT G, round(avg(A), 6), min(A), max(A), coalesce(sum(A), 0), coalesce(sum(A - B), 0),
#          round(avg(A - B), 6), count(*) FILTER (WHERE A > 1), count_if(A IS NULL), count(*)
#   FROM read_csv('e.csv', delim = ';', header = true, columns = {'G': 'VARCHAR',
#        'A': 'DECIMAL(18,2)', 'B': 'DECIMAL(18,2)', 'C': 'VARCHAR'}) GROUP BY G ORDER BY G;
#   1,3.25,2.50,4.00,6.50,-2.00,-2,2,1,3
#   2,0.875,-1.25,3.00,1.75,-7.25,-3.625,1,0,2
#   3,null,null,null,0.00,0.00,null,0,2,2
#   4,3.505,0.01,7.00,7.01,-0.99,-0.99,1,0,2
# (R: aggregate(A ~ G, d, mean, na.action = na.omit) gives the same means, without group 3.)
cd "$TMP" || exit 9
printf 'G;A;B;C\n1;;5;x\n1;4;6;x\n1;2.50;;y\n2;3;7;y\n2;-1.25;2;x\n3;;8;x\n3;;9;y\n4;7;;x\n4;.01;1;y\n' > e.csv
Q="--by G --mean A --min A --max A --sum A --sum A-B --mean A-B --count-if A>1 --count-if"
"$DS" aggregate e.csv $Q 'A is missing' --count || exit 9
"$DS" aggregate e.csv $Q 'A is missing' --count --format tsv | sed -n 4p | od -c | head -2
"$DS" aggregate e.csv $Q 'A is missing' --count --format json | grep '"3"'
# --having: a comparison with an empty mean is false, its negation too (DuckDB: HAVING
# avg(A) > 1 keeps 4 and 1, HAVING NOT avg(A) > 1 keeps 2). --order: empty last both ways
# (DuckDB's ORDER BY avg(A) DESC gives 4, 1, 2, 3; ASC gives 2, 1, 4, 3; ORDER BY min(A)
# ASC gives 2, 4, 1, 3).
"$DS" aggregate e.csv --by G --mean A --having 'mean_A > 1' --order mean_A
"$DS" aggregate e.csv --by G --mean A --having 'not mean_A > 1'
"$DS" aggregate e.csv --by G --mean A --having 'mean_A is missing'
"$DS" aggregate e.csv --by G --mean A --order mean_A | tr '\n' ' '; echo
"$DS" aggregate e.csv --by G --mean A --order 'mean_A asc' | tr '\n' ' '; echo
"$DS" aggregate e.csv --by G --min A --max A --order 'min_A asc' | tr '\n' ' '; echo
# No --by: the known values of all rows (DuckDB without GROUP BY: 2.543333, -1.25, 7.00,
# 15.26, 9).
"$DS" aggregate e.csv --mean A --min A --max A --sum A --count
