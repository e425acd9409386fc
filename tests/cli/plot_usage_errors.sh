# Usage errors are exit 2: no figure kind, an unknown kind, missing --x, a bad --size,
# an unknown extension, a bad --band, an unknown palette, no DATA.
S=../fixtures/plot/small.csv
"$DS" plot; echo "rc=$?"
"$DS" plot pie "$S"; echo "rc=$?"
"$DS" plot scatter "$S" --y y; echo "rc=$?"
"$DS" plot scatter "$S" --x x --y y --size 1200; echo "rc=$?"
"$DS" plot scatter "$S" --x x --y y -o f.jpg; echo "rc=$?"
"$DS" plot scatter "$S" --x x --y y --band wide; echo "rc=$?"
"$DS" plot map "$S" --value y --palette rainbow -o "$TMP/m.png"; echo "rc=$?"
"$DS" plot scatter --x x --y y; echo "rc=$?"
"$DS" plot --help | head -1
ls "$TMP"
