# Sourced by the CLI tests that compare a study's results.json with `damirstat fit` (not a
# test itself: the runner only runs tests/cli/*.sh). Needs DS, out/results.json and d.csv in
# the working folder.

# The object of fit NAME in results.json: the line "fit": {…} of its entry.
fit_of() {
    awk -v name="\"name\": \"$1\"," 'index($0, name) { on = 1 }
        on && /^      "fit": / { sub(/^      "fit": /, ""); print; exit }' out/results.json
}

# same NAME FIT-OPTIONS…: is fit NAME's object the one `damirstat fit d.csv OPTIONS
# --format json` prints? Leaves study_NAME.json and command_NAME.json behind.
same() {
    name=$1
    shift
    fit_of "$name" >"study_$name.json"
    "$DS" fit d.csv "$@" --format json >"command_$name.json" 2>/dev/null || exit 1
    if [ ! -s "study_$name.json" ]; then
        echo "$name: no fit object in results.json"
    elif cmp -s "study_$name.json" "command_$name.json"; then
        echo "$name: the same $(head -c 28 "study_$name.json") object"
    else
        echo "$name: DIFFERS"
    fi
}
