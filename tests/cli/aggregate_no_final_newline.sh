# The last line may lack its newline (LF or CRLF files); CRLF gives the same totals.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2.5;x;\n1;.25;y;" > lf.csv
printf "A;B;C;\r\n1;2.5;x;\r\n1;.25;y;" > crlf.csv
"$DS" aggregate lf.csv --by C --sum B
"$DS" aggregate crlf.csv --by C --sum B
