# README's typical session runs as written: every fenced `sh` block of README.md (the
# marker of a runnable block; indented blocks are not run) is run with `set -e` in a fresh
# folder that holds the repository's data as a clone does, with the binary on the PATH as
# `damirstat` (as make install puts it); each block exits 0 and every file its `-o` names
# exists and is not empty.
cd "$TMP" || exit 9
mkdir bin work
ln -s "$DS" bin/damirstat
for d in external-data tests studies; do ln -s "$ROOT/$d" "work/$d"; done
awk -v dir="$TMP" '/^```sh$/ { n++; f = sprintf("%s/block%d.sh", dir, n); inblock = 1; next }
     /^```/ && inblock { inblock = 0; close(f); next }
     inblock { print > f }' "$ROOT/README.md"
ls block*.sh > /dev/null 2>&1 || echo "README.md has no runnable block"
cd work || exit 9
for b in ../block*.sh; do
    PATH="$TMP/bin:$PATH" sh -e "$b" > "$b.out" 2> "$b.err" ||
        { echo "$(basename "$b") failed:"; cat "$b.err"; }
    tr '\\\n' '  ' < "$b" | grep -o -- '-o [^ ]*' | while read -r _ f; do
        [ -s "$f" ] || echo "$(basename "$b"): $f was not written"
    done
done
echo "README session ran"
