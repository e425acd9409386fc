# A gnuplot that reports an error and exits 1: its message is quoted, exit 1, and the
# temp figure it had started is removed. A gnuplot that exits 0 without drawing anything
# is an error too.
mkdir "$TMP/bin" "$TMP/out"
printf '#!/bin/sh\ncat >/dev/null\necho "gnuplot> plot foo" >&2\necho "         line 3: undefined variable: foo" >&2\nexit 1\n' > "$TMP/bin/gnuplot"
chmod +x "$TMP/bin/gnuplot"
PATH="$TMP/bin:$PATH" "$DS" plot scatter ../fixtures/plot/small.csv --x x --y y -o "$TMP/out/s.png"
echo "rc=$?"
printf '#!/bin/sh\ncat >/dev/null\nexit 0\n' > "$TMP/bin/gnuplot"
PATH="$TMP/bin:$PATH" "$DS" plot map ../fixtures/plot/small.csv --value y -o "$TMP/out/m.svg"
echo "rc=$?"
ls "$TMP/out"
