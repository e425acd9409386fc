# A column that cancels out of an expression (A - B + B, B*0 + A) still makes a row with it
# empty missing, as SQL's NULL: the sum and mean are over the rows where A and B are both
# known. They folded to A alone, summing the rows with B empty too.
# DuckDB: select sum(A-B+B), avg(A-B+B), min(B*0+A), max(B*0+A) from read_csv('e.csv',
#   delim=';', header=true, columns={'K':'VARCHAR','A':'DECIMAL(18,2)','B':'DECIMAL(18,2)'})
#   group by K order by K  ->  1,4.00,2.000000,1.50,2.50 / 2,0.00 (coalesce),NULL,NULL,NULL
cd "$TMP" || exit 3
printf 'K;A;B\n1;1.50;3\n1;2.50;-1\n1;7.00;\n2;9.00;\n' >e.csv
"$DS" aggregate e.csv --by K --sum 'A - B + B' --mean 'A - B + B' --min 'B*0 + A' \
    --max 'B*0 + A as m'
echo "exit $?"
