# An input that changes while the study aggregates (after the scan read it, before the run
# is over) is an error naming it, exit 3, and nothing is cached: the next run aggregates the
# new content. Before, the fingerprint taken after the scan paired the new file with the old
# sums, and later runs said "read from the cache (inputs unchanged)" with the old sums.
# The change is made at the first fopen of the file after the scan (the fingerprint's) by an
# LD_PRELOAD shim built here; without a compiler the test is skipped (exit 77).
cd "$TMP" || exit 9
command -v cc >/dev/null || { echo "no C compiler to build the LD_PRELOAD shim" >&2; exit 77; }
cat >shim.c <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>
/* The first time data/A202501.csv is opened with fopen, its first data line's region code
 * 93 becomes 94: same size, and the mtime put back, as an in-place edit can leave them. */
FILE *fopen(const char *path, const char *mode)
{
    static int done;
    FILE *(*real)(const char *, const char *) = (FILE * (*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
    if (!done && strstr(path, "data/A202501.csv")) {
        done = 1;
        struct stat st;
        stat(path, &st);
        FILE *fp = real(path, "r+");
        char line[4096];
        long at = 0;
        fgets(line, sizeof line, fp); /* the header */
        at = ftell(fp);
        fgets(line, sizeof line, fp);
        char *p = strstr(line, ";93;");
        if (p) {
            fseek(fp, at + (p - line) + 2, SEEK_SET);
            fputc('4', fp);
        }
        fclose(fp);
        struct utimbuf t = {st.st_atime, st.st_mtime};
        utime(path, &t);
    }
    return real(path, mode);
}
C
cc -shared -fPIC -o shim.so shim.c -ldl 2>/dev/null || { echo "cannot build the LD_PRELOAD shim" >&2; exit 77; }
. "$ROOT/tests/cli/cache_lib.inc"
LD_PRELOAD="$TMP/shim.so" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    "$DS" run s.study >/dev/null
echo "changed during the run: exit $?"
ls out/.cache 2>/dev/null | grep -c aggregate.key
"$DS" run s.study | grep aggregation
[ "$(want)" = "$(got)" ] && echo "sums agree with awk on the new content"
