# Walks every command that `damirstat --help` lists: its --help has the NAME line, usage,
# options and an example whose options the command accepts; -h prints the same; --version
# works; and the options shared by several commands (-o, --format, -d, --skip, -q, -h,
# --version) are worded alike. Prints one line a command with the shared options it has:
# the option table of the CLI.
cmds=$("$DS" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
test -n "$cmds" || { echo "no commands listed"; exit 1; }
version=$("$DS" --version)

# The help of option NAME (its line and the indented lines under it) in a help text.
block() {
    awk -v name="$2" '
        /^Options:/ { on = 1; next }
        on && /^$/ { exit }
        on && /^  (-[a-zA-Z], |    )--/ {
            opt = $0; sub(/^  (-[a-zA-Z], |    )--/, "", opt); sub(/[ ].*/, "", opt)
            inside = opt == name
        }
        on && inside { print }' "$1"
}

# The first command's wording of an option is the reference for the others.
same() { # CMD NAME FILE
    ref="$TMP/ref.$2"
    block "$3" "$2" >"$TMP/cur"
    if [ ! -f "$ref" ]; then cp "$TMP/cur" "$ref"; return; fi
    cmp -s "$ref" "$TMP/cur" || { echo "$1: --$2 worded differently:"; cat "$TMP/cur"; }
}

for c in $cmds; do
    h="$TMP/$c.help"
    "$DS" "$c" --help >"$h" || echo "$c: --help failed"
    "$DS" "$c" -h | cmp -s - "$h" || echo "$c: -h differs from --help"
    test "$("$DS" "$c" --version)" = "$version" || echo "$c: --version differs"
    head -1 "$h" | grep -q "^damirstat $c - ." || echo "$c: no NAME line"
    grep -q "^Usage: damirstat $c " "$h" || echo "$c: no usage line"
    grep -q "^Options:" "$h" || echo "$c: no options"
    sed -n '/^Examples:/,$p' "$h" | grep -q "^  damirstat $c " || echo "$c: no example"
    # Each example is run with --version added: parsed as typed (a bad option or value is
    # refused), then nothing is read or written.
    (
        damirstat() { "$DS" "$@" --version > /dev/null 2> "$TMP/example.err" ||
            echo "$c: example refused: $(cat "$TMP/example.err")"; }
        cd "$TMP" && eval "$(sed -n '/^Examples:/,$p' "$h" | sed '1d; s/^  //')" 2> /dev/null
    )
    has=""
    same "$c" help "$h"
    same "$c" version "$h"
    block "$h" output | head -1 | grep -q '^  -o, --output \(FILE\|DIR\) ' || echo "$c: no -o"
    case $c in gen | run | plot) ;; *) same "$c" output "$h" ;; esac
    has="-o"
    if block "$h" format | grep -q .; then
        values=$(block "$h" format | head -1 | awk '{ print $2 }')
        # the values a command may take: data formats, or document formats for `models`
        allowed='text\|csv\|tsv\|json'
        test "$c" = models && allowed='md\|html\|tex'
        echo "$values" | tr '|' '\n' | grep -qvx "$allowed" && echo "$c: --format $values"
        has="$has --format($values)"
    fi
    if block "$h" delimiter | grep -q .; then same "$c" delimiter "$h"; has="$has -d"; fi
    if block "$h" skip | grep -q .; then
        test "$c" = join || same "$c" skip "$h"
        has="$has --skip"
    fi
    if block "$h" quiet | grep -q .; then same "$c" quiet "$h"; has="$has -q"; fi
    echo "$c:$(printf ' %s' $has)"
done
