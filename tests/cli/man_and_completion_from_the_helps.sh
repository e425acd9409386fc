# The man page and the completion scripts are written from the option tables every --help
# comes from: each command and each of its options (as its --help lists them) is in the man
# page, which groff renders without a warning; bash completes commands, options per command,
# the values an option lists (text|json|tsv) and file names; zsh (when installed: it is not
# a dependency) loads the script and offers the options with their help.
cd "$TMP" || exit 9
"$DS" --man > damirstat.1
groff -man -Tutf8 -ww -z damirstat.1 && echo "groff: no warning"
# the page as text, 200 columns wide and without hyphenation, so that options stay whole
groff -man -Tascii -rLL=200n -rHY=0 -P-c -P-b -P-u damirstat.1 > man.txt 2>/dev/null
cmds=$("$DS" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}')
for c in $cmds; do
    grep -q "^   $c\$" man.txt || echo "man: no section for $c"
    "$DS" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
        grep -q -- "$o" man.txt || echo "man: $c has no $o"
    done
done
[ "$(echo "$cmds" | wc -l)" -ge 11 ] && echo "every command checked"
"$DS" --completion bash > damirstat.bash && bash -n damirstat.bash && echo "bash: syntax ok"
touch study-a.study study-b.study
bash -c '. ./damirstat.bash
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _damirstat
      echo "$* -> $(printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " ")"; }
t damirstat ag; t damirstat fit --mod; t damirstat fit --format ""; t damirstat join --how ""
t damirstat run study-; t damirstat --completion ""'
"$DS" --completion fish; echo "status $?"
if command -v zsh > /dev/null; then
    mkdir zf && "$DS" --completion zsh > zf/_damirstat && zsh -n zf/_damirstat || echo "zsh: syntax error"
    cat > z.zsh <<'ZSH'
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'PS1="> "; fpath=(./zf $fpath); autoload -Uz compinit; compinit -u -d ./zcd'
zpty -w -n z $'damirstat fit --mo\t\t'
sleep 2
out=
while zpty -r -t z line; do out+=$line; done
zpty -d z
print -r -- "$out"
ZSH
    out=$(timeout 20 zsh -f z.zsh 2>&1 | tr -d '\r')
    case "$out" in *"--model"*"the formula"*"--moran"*) ;; *) echo "zsh: no --model/--moran offered";; esac
fi
