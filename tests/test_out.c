/* out: what is left on disk when a run ends early. The child processes here end the way
 * damirstat does when memory runs out (the x* allocators' exit with status 3), with a
 * result still being written: its temp file must go and the old result stay. */
#include "damirstat/err.h"
#include "damirstat/out.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

/* Files in dir whose name contains ".tmp." */
static int count_temps(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strstr(e->d_name, ".tmp.") != NULL;
    if (d)
        closedir(d);
    return n;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* The child's output, reachable from here so that LeakSanitizer does not count it. */
static out_t *child_out;

/* Runs in a child: opens path, writes, then asks for more memory than exists. */
static void child_runs_out_of_memory(const char *path)
{
    ds_err err;
    ds_err_clear(&err);
    if (out_open(path, &child_out, &err) != DS_OK)
        _exit(9);
    fputs("half a result\n", out_stream(child_out));
    fflush(out_stream(child_out));
    volatile size_t huge = SIZE_MAX / 4;
    char *p = xmalloc(huge); /* prints "out of memory" and exits 3 */
    p[0] = 1;
    _exit(8);
}

TEST(test_out_out_of_memory_exit_removes_the_temp_file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/result.csv", t_tmpdir());
    write_file(path, "old result\n");
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(7);
        child_runs_out_of_memory(path);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == DS_EXIT_IO, "child status %#x", status);
    CHECK(count_temps(t_tmpdir()) == 0, "a temp file was left behind");
    FILE *fp = fopen(path, "r");
    char line[64] = "";
    CHECK(fp && fgets(line, sizeof line, fp) && strcmp(line, "old result\n") == 0,
          "old result replaced: '%s'", line);
    if (fp)
        fclose(fp);
}

TEST(test_out_commit_all_renames_nothing_when_one_fails)
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/a.csv", t_tmpdir());
    snprintf(b, sizeof b, "/dev/full");
    write_file(a, "old a\n");
    ds_err err;
    ds_err_clear(&err);
    out_t *outs[2];
    CHECK(out_open(a, &outs[0], &err) == DS_OK, "%s", err.msg);
    CHECK(out_open(b, &outs[1], &err) == DS_OK, "%s", err.msg);
    fputs("new a\n", out_stream(outs[0]));
    fputs("new b\n", out_stream(outs[1]));
    CHECK(out_commit_all(outs, 2, &err) == DS_EIO, "code %d", err.code);
    CHECK_STR(err.msg, "/dev/full: write error: No space left on device");
    FILE *fp = fopen(a, "r");
    char line[64] = "";
    CHECK(fp && fgets(line, sizeof line, fp) && strcmp(line, "old a\n") == 0, "a: '%s'", line);
    if (fp)
        fclose(fp);
    CHECK(count_temps(t_tmpdir()) == 0, "a temp file was left behind");
}
