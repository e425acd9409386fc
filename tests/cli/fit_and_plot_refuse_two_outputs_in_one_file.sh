# A command with two outputs given one file for both wrote one over the other and exited 0:
# fit -o same.txt --residuals same.txt kept the report and lost the residuals; plot -o s.svg
# --script ./s.svg kept the figure and lost the script. Both are usage errors (exit 2),
# before anything is written; two names work.
cd "$TMP" || exit 9
printf 'dep;x;y\n01;1;2.1\n02;2;3.9\n03;3;6.2\n04;4;7.8\n' > d.csv
"$DS" fit d.csv --model 'y ~ x' -o same.txt --residuals ./same.txt; echo "exit $?"
"$DS" plot scatter d.csv --x x --y y -o s.svg --script ../t/s.svg; echo "exit $?"
ls
"$DS" fit d.csv --model 'y ~ x' -o report.txt --residuals res.csv && head -1 res.csv
