# A figure whose gnuplot fails removes the folders plot made for it (a/b/ of a/b/f.png),
# where it left them empty; a folder that existed stays, and so does one that holds a file.
cd "$TMP" || exit 9
mkdir bin keep
printf '#!/bin/sh\necho "gnuplot: broken" >&2\nexit 1\n' > bin/gnuplot && chmod +x bin/gnuplot
printf 'x,y\n1,2\n2,3\n3,5\n' > d.csv
PATH="$TMP/bin:$PATH" "$DS" plot scatter d.csv --x x --y y -o a/b/f.png; echo "exit $?"
PATH="$TMP/bin:$PATH" "$DS" plot scatter d.csv --x x --y y -o keep/c/f.png; echo "exit $?"
PATH="$TMP/bin:$PATH" "$DS" plot scatter d.csv --x x --y y -o s/f.png --script s/f.gp
echo "exit $?"
find . -type d | sort
ls s
