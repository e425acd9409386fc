# A negative standard deviation is refused.
"$DS" gen --noise -0.3 -o "$TMP/o"
