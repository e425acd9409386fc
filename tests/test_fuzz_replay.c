/* Replays every fuzz corpus and every crash ever found (tests/fuzz/corpus/NAME/ and
 * tests/fuzz/crashes/NAME/) through its harness on each `make check`, so that a fixed crash
 * stays fixed (zstd's regression driver). The harnesses are compiled in here, so that the
 * Makefile's rule (every tests/ C file into the runner) needs no change; `make fuzz` builds the
 * same files with libFuzzer. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "t.h"

#include "fuzz/fuzz.h"
#include "fuzz/fuzz_common.c"
#include "fuzz/fuzz_bulk.c"
#include "fuzz/fuzz_expr.c"
#include "fuzz/fuzz_formula.c"
#include "fuzz/fuzz_gzip.c"
#include "fuzz/fuzz_study.c"
#include "fuzz/fuzz_table.c"
#include "fuzz/fuzz_where.c"

static int replay_read(const char *path, uint8_t **data, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    size_t cap = 1 << 12, n;
    *size = 0;
    *data = malloc(cap);
    while ((n = fread(*data + *size, 1, cap - *size, fp)) > 0) {
        *size += n;
        if (*size == cap)
            *data = realloc(*data, cap *= 2);
    }
    fclose(fp);
    return 0;
}

/* Runs fn on each file of tests/fuzz/KIND/NAME; returns how many, or -1 if one is unreadable. */
static long replay_dir(const char *kind, const char *name, int (*fn)(const uint8_t *, size_t))
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", t_root(), kind, name);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    long count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        uint8_t *data;
        size_t size;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (replay_read(path, &data, &size) != 0) {
            count = -1;
            break;
        }
        fn(data, size);
        free(data);
        count++;
    }
    closedir(d);
    return count;
}

static void replay(const char *name, int (*fn)(const uint8_t *, size_t))
{
    long corpus = replay_dir("corpus", name, fn);
    long crashes = replay_dir("crashes", name, fn);
    CHECK(corpus >= 5, "tests/fuzz/corpus/%s: %ld inputs (a corpus needs seeds)", name, corpus);
    CHECK(crashes >= 0, "tests/fuzz/crashes/%s: a file cannot be read", name);
}

TEST(test_fuzz_replay_bulk) { replay("bulk", fuzz_bulk); }
TEST(test_fuzz_replay_expr) { replay("expr", fuzz_expr); }
TEST(test_fuzz_replay_formula) { replay("formula", fuzz_formula); }
TEST(test_fuzz_replay_gzip) { replay("gzip", fuzz_gzip); }
TEST(test_fuzz_replay_study) { replay("study", fuzz_study); }
TEST(test_fuzz_replay_table) { replay("table", fuzz_table); }
TEST(test_fuzz_replay_where) { replay("where", fuzz_where); }
