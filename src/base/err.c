#include "damirstat/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ds_err_clear(ds_err *err)
{
    if (!err)
        return;
    err->code = DS_OK;
    err->msg[0] = '\0';
}

int ds_err_set(ds_err *err, int code, const char *fmt, ...)
{
    if (!err || err->code != DS_OK)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

int ds_err_caret(ds_err *err, int code, const char *prefix, const char *what, const char *text,
                 size_t col)
{
    size_t len = strlen(text), from = 0, to = len;
    if (len > 120) {
        from = col > 60 ? col - 60 : 0;
        to = len - from > 120 ? from + 120 : len;
    }
    const char *pre = from ? "..." : "", *post = to < len ? "..." : "";
    return ds_err_set(err, code, "%s: %s\n  %s%.*s%s\n  %*s^", prefix, what, pre,
                      (int)(to - from), text + from, post, (int)(strlen(pre) + col - from), "");
}

int ds_exit_status(int code)
{
    switch (code) {
    case DS_OK: return DS_EXIT_OK;
    case DS_EDATA: return DS_EXIT_DATA;
    case DS_EUSAGE: return DS_EXIT_USAGE;
    default: return DS_EXIT_IO;
    }
}

/* Out of memory is not a data error a caller could recover from: like redis's zmalloc we
 * stop at once with the I/O-or-system status rather than thread NULL checks everywhere. */
static void out_of_memory(size_t size)
{
    fprintf(stderr, "damirstat: out of memory (asked for %zu bytes)\n", size);
    exit(DS_EXIT_IO);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        out_of_memory(size);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
