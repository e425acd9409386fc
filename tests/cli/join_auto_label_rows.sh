# INSEE tables carry label rows ("France", "Total"): they stay out of the match, listed by
# their text, and do not turn a department key into text (1 still joins 01). A key column
# without any code (arbitrary text) still joins as text. --strict makes a label an error.
cd "$TMP" || exit 9
printf 'dep,v\n1,10\n2,20\n2A,30\nFrance,60\n' > lt.csv
printf 'dep,w\n01,1\n02,2\n2A,3\nTotal,6\n' > rt.csv
"$DS" join lt.csv rt.csv --on dep; echo "exit $?"
"$DS" join lt.csv rt.csv --on dep --how left 2> /dev/null; echo "exit $?"
"$DS" join lt.csv rt.csv --on dep --strict; echo "exit $?"
printf 'k,v\nalpha,1\nbeta,2\n' > t1.csv
printf 'k,w\nbeta,20\nalpha,10\n' > t2.csv
"$DS" join t1.csv t2.csv --on k; echo "exit $?"
# Mostly labels with a stray number: still text, so alpha joins alpha.
printf 'k,v\nalpha,1\nbeta,2\n12,3\n' > t3.csv
printf 'k,w\nbeta,20\nalpha,10\n12,30\n' > t4.csv
"$DS" join t3.csv t4.csv --on k; echo "exit $?"
# Missing keys do not count against departments: 1 still joins 01 beside three blank keys.
printf 'dep,v\n1,10\n2,20\n,30\n,40\n,50\n' > blanks.csv
printf 'dep,w\n01,a\n02,b\n' > r2.csv
"$DS" join blanks.csv r2.csv --on dep 2> /dev/null; echo "exit $?"
