# --version works after any command and prints what damirstat --version prints.
for c in table aggregate merge gen join derive fit corr moran plot run; do
    test "$("$DS" $c --version)" = "$("$DS" --version)" || echo "$c differs"
done
"$DS" corr --version | sed 's/ [0-9][0-9.]*$/ VERSION/'
