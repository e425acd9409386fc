# --geo takes region or dept.
"$DS" gen --geo=county -o "$TMP/o"
