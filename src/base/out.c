#include "damirstat/out.h"

#include <errno.h>
#include <stdio_ext.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out {
    FILE *fp;
    char *path;     /* target; NULL for stdout */
    char *tmp_path; /* temp file beside the target */
};

static int is_stdout(const char *path)
{
    return !path || strcmp(path, "-") == 0;
}

int out_open(const char *path, out_t **out, ds_err *err)
{
    *out = NULL;
    out_t *o = xcalloc(1, sizeof *o);
    if (is_stdout(path)) {
        o->fp = stdout;
        *out = o;
        return DS_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe (-o /dev/full): a temp file renamed over it would replace
         * the device node itself, so write to it directly. */
        o->fp = fopen(path, "w");
        if (!o->fp) {
            int e = errno;
            free(o);
            return ds_err_set(err, DS_EIO, "%s: cannot write: %s", path, strerror(e));
        }
        o->path = xstrdup(path);
        *out = o;
        return DS_OK;
    }
    size_t n = strlen(path);
    o->path = xstrdup(path);
    o->tmp_path = xmalloc(n + sizeof ".tmp.XXXXXX");
    memcpy(o->tmp_path, path, n);
    memcpy(o->tmp_path + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(o->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(o->path);
        free(o->tmp_path);
        free(o);
        return ds_err_set(err, DS_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    /* mkstemp makes the file 0600; the result should have the mode any new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        close(fd);
        unlink(o->tmp_path);
        free(o->path);
        free(o->tmp_path);
        free(o);
        return ds_err_set(err, DS_EIO, "%s: cannot write: %s", path, strerror(errno));
    }
    *out = o;
    return DS_OK;
}

FILE *out_stream(out_t *o)
{
    return o->fp;
}

static void out_free(out_t *o)
{
    free(o->path);
    free(o->tmp_path);
    free(o);
}

int out_commit(out_t *o, ds_err *err)
{
    if (!o->path) {
        int bad = fflush(stdout) != 0 || ferror(stdout);
        int e = errno;
        out_free(o);
        if (bad) {
            /* Reported once here: drop what could not be written so that main's own
             * check of stdout does not report it a second time. */
            __fpurge(stdout);
            clearerr(stdout);
            return ds_err_set(err, DS_EIO, "stdout: write error: %s", strerror(e));
        }
        return DS_OK;
    }
    int bad = fflush(o->fp) != 0 || ferror(o->fp);
    int e = errno;
    if (fclose(o->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad && o->tmp_path && rename(o->tmp_path, o->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        if (o->tmp_path)
            unlink(o->tmp_path);
        ds_err_set(err, DS_EIO, "%s: write error: %s", o->path, strerror(e));
        out_free(o);
        return DS_EIO;
    }
    out_free(o);
    return DS_OK;
}

void out_abort(out_t *o)
{
    if (!o)
        return;
    if (o->path) {
        fclose(o->fp);
        if (o->tmp_path)
            unlink(o->tmp_path);
    } else {
        /* Nothing more of this result goes out, and main must not report stdout again. */
        __fpurge(stdout);
        clearerr(stdout);
    }
    out_free(o);
}

int out_fail(out_t *o, int rc, ds_err *err)
{
    int e = errno;
    if (o && rc == DS_EIO && err) {
        snprintf(err->msg, sizeof err->msg, "%s: write error: %s", o->path ? o->path : "stdout",
                 strerror(e));
        err->code = DS_EIO;
    }
    out_abort(o);
    return rc;
}
