# The completions offer the figure kinds after `damirstat plot` and the map palettes after
# --palette (from the tables the command checks its words against, so a new kind or palette
# completes at once); each kind offered is one plot accepts (not "unknown figure").
cd "$TMP" || exit 9
"$DS" --completion bash > damirstat.bash && bash -n damirstat.bash || echo "bash: syntax error"
touch d.csv
bash -c '. ./damirstat.bash
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _damirstat
      echo "$* -> $(printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " ")"; }
t damirstat plot ""; t damirstat plot s; t damirstat plot map d.csv --palette ""
t damirstat plot map d.csv --palette r; t damirstat plot map d.; t damirstat plot --pal'
"$DS" --completion zsh > _damirstat
zsh -n _damirstat || echo "zsh: syntax error"
grep -o "'1:word:([a-z ]*)'\|'--palette\[map\]:value:([a-z ]*)'" _damirstat
for k in $(sed -n "s/.*'1:word:(\([a-z ]*\))'.*/\1/p" _damirstat); do
    "$DS" plot "$k" d.csv 2>&1 | grep "unknown figure"
done
echo "kinds checked"
