/* The test runner: every TEST() linked in, then every CLI test in tests/cli/.
 *
 * A CLI test is tests/cli/NAME.sh beside NAME.exit (expected exit status) and optionally
 * NAME.out and NAME.err (expected stdout and stderr, byte for byte). The script runs in
 * tests/cli with DS (the binary), ROOT (repository root), FIXTURES and TMP (a fresh, empty
 * folder) in its environment.
 *
 * A script that cannot run here (it needs a mechanism the machine lacks, such as a user
 * namespace to mount a small file system) exits 77, as automake's tests do: it is counted
 * as skipped and its stderr is printed as the reason, never as passed.
 *
 * Usage: tests/run [SUBSTRING]   runs only the tests whose name contains SUBSTRING. */
#include <dirent.h>
#include <gsl/gsl_errno.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

struct test {
    const char *name;
    void (*fn)(void);
};

static struct test *tests;
static size_t ntests, cap;
static int current_failed;
static char root[PATH_MAX], binary[2 * PATH_MAX], tmpdir[PATH_MAX];

void t_register(const char *name, void (*fn)(void))
{
    if (ntests == cap) {
        cap = cap ? 2 * cap : 64;
        tests = realloc(tests, cap * sizeof *tests);
        if (!tests)
            abort();
    }
    tests[ntests].name = name;
    tests[ntests].fn = fn;
    ntests++;
}

void t_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    current_failed = 1;
}

const char *t_binary(void) { return binary; }
const char *t_root(void) { return root; }
const char *t_tmpdir(void) { return tmpdir; }

static int cmp_tests(const void *a, const void *b)
{
    return strcmp(((const struct test *)a)->name, ((const struct test *)b)->name);
}

static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/damirstat-test.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static void remove_tmpdir(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", tmpdir);
}

/* Reads a whole file; NULL if absent. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t n = 0, c = 4096;
    char *buf = malloc(c);
    size_t r;
    while (buf && (r = fread(buf + n, 1, c - n, fp)) > 0) {
        n += r;
        if (n == c)
            buf = realloc(buf, c *= 2);
    }
    fclose(fp);
    if (!buf)
        abort();
    *len = n;
    return buf;
}

static int same_file(const char *expected_path, const char *got_path, const char *what,
                     const char *name)
{
    size_t ne, ng;
    char *want = slurp(expected_path, &ne);
    if (!want)
        return 1; /* nothing expected: not compared */
    char *got = slurp(got_path, &ng);
    int ok = got && ne == ng && memcmp(want, got, ne) == 0;
    if (!ok) {
        fprintf(stderr, "cli/%s: %s differs from %s; got:\n%.*s\n", name, what, expected_path,
                got ? (int)(ng > 2000 ? 2000 : ng) : 0, got ? got : "");
    }
    free(want);
    free(got);
    return ok;
}

enum { CLI_FAILED, CLI_PASSED, CLI_SKIPPED, EXIT_SKIP = 77 };

static int run_cli_test(const char *clidir, const char *name)
{
    char path[PATH_MAX * 2], out[PATH_MAX * 2], err[PATH_MAX * 2], cmd[PATH_MAX * 12];
    snprintf(out, sizeof out, "%s/stdout", tmpdir);
    snprintf(err, sizeof err, "%s/stderr", tmpdir);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && DS='%s' ROOT='%s' FIXTURES='%s/tests/fixtures' TMP='%s/t' "
             "sh ./%s.sh >'%s' 2>'%s' </dev/null",
             clidir, binary, root, root, tmpdir, name, out, err);
    char scratch[PATH_MAX + 8];
    snprintf(scratch, sizeof scratch, "%s/t", tmpdir);
    if (mkdir(scratch, 0700) != 0) {
        perror(scratch);
        return 0;
    }
    int st = system(cmd);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    snprintf(path, sizeof path, "%s/%s.exit", clidir, name);
    size_t n;
    char *want = slurp(path, &n);
    int ok = 1;
    if (want && code == EXIT_SKIP && atoi(want) != EXIT_SKIP) {
        char *why = slurp(err, &n);
        fprintf(stderr, "SKIP cli/%s: %.*s\n", name, why ? (int)strcspn(why, "\n") : 0,
                why ? why : "");
        free(why);
        free(want);
        return CLI_SKIPPED;
    }
    if (!want) {
        fprintf(stderr, "cli/%s: missing %s.exit\n", name, name);
        ok = 0;
    } else if (atoi(want) != code) {
        fprintf(stderr, "cli/%s: exit status %d, want %d\n", name, code, atoi(want));
        ok = 0;
    }
    free(want);
    snprintf(path, sizeof path, "%s/%s.out", clidir, name);
    ok &= same_file(path, out, "stdout", name);
    snprintf(path, sizeof path, "%s/%s.err", clidir, name);
    ok &= same_file(path, err, "stderr", name);
    if (!ok) {
        size_t ne;
        char *e = slurp(err, &ne);
        if (e && ne)
            fprintf(stderr, "cli/%s: stderr was:\n%.*s\n", name, (int)(ne > 2000 ? 2000 : ne), e);
        free(e);
    }
    return ok ? CLI_PASSED : CLI_FAILED;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_cli_tests(const char *filter, int *passed, int *failed, int *skipped)
{
    char clidir[PATH_MAX + 16];
    snprintf(clidir, sizeof clidir, "%s/tests/cli", root);
    DIR *d = opendir(clidir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 3 && strcmp(e->d_name + len - 3, ".sh") == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strndup(e->d_name, len - 3);
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "cli/%s", names[i]);
        if (!filter || strstr(full, filter)) {
            make_tmpdir();
            int r = run_cli_test(clidir, names[i]);
            if (r == CLI_PASSED)
                (*passed)++;
            else if (r == CLI_SKIPPED)
                (*skipped)++;
            else {
                (*failed)++;
                fprintf(stderr, "FAIL %s\n", full);
            }
            remove_tmpdir();
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    if (!getcwd(root, sizeof root)) {
        perror("getcwd");
        return 2;
    }
    const char *bin = getenv("DAMIRSTAT");
    snprintf(binary, sizeof binary, "%s/%s", root, bin && *bin ? bin : "damirstat");
    if (bin && bin[0] == '/')
        snprintf(binary, sizeof binary, "%s", bin);
    gsl_set_error_handler_off(); /* as main does: modules check every GSL status */
    int passed = 0, failed = 0;
    if (ntests)
        qsort(tests, ntests, sizeof *tests, cmp_tests);
    for (size_t i = 0; i < ntests; i++) {
        if (filter && !strstr(tests[i].name, filter))
            continue;
        current_failed = 0;
        make_tmpdir();
        tests[i].fn();
        remove_tmpdir();
        if (current_failed) {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        } else {
            passed++;
        }
    }
    int skipped = 0;
    run_cli_tests(filter, &passed, &failed, &skipped);
    free(tests);
    if (skipped)
        printf("%d skipped (their reasons are the SKIP lines above)\n", skipped);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
