/* study_derive: the [derive] step — new number columns computed with the expr module on a
 * table of an earlier step (the latest one unless `table = NAME`). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "damirstat/expr.h"
#include "study_run.h"

static int derive_one(table_t *t, const char *name, const char *text, size_t *ndomain,
                      ds_err *err)
{
    expr_t *e = NULL;
    int rc = expr_parse(text, &e, err);
    if (rc == DS_OK)
        rc = expr_bind(e, t, err);
    if (rc != DS_OK) {
        expr_free(e);
        return rc;
    }
    size_t n = table_nrows(t);
    double *v = xmalloc((n + 1) * sizeof *v);
    *ndomain = 0;
    for (size_t i = 0; i < n; i++) {
        int dom = 0;
        v[i] = expr_eval(e, t, i, &dom);
        *ndomain += dom != 0;
    }
    rc = table_add_number_column(t, name, v, n, err);
    free(v);
    expr_free(e);
    return rc;
}

int study_derive_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    const char *want = study_get(sec, "table");
    table_t *t = NULL;
    for (size_t i = r->ntabs; i-- > 0 && !t;)
        if (!want || strcmp(r->tabs[i].name, want) == 0)
            t = r->tabs[i].t;
    if (!t)
        return ds_err_set(err, DS_EDATA, "%s:%d: [derive]: no table %s%s%s defined before",
                          s->path, study_line(sec, "table"), want ? "'" : "",
                          want ? want : "at all", want ? "'" : "");
    for (size_t k = 0; k < sec->nkv; k++) {
        const study_kv *kv = &sec->kv[k];
        if (strcmp(kv->key, "table") == 0)
            continue;
        size_t ndomain = 0;
        int rc = derive_one(t, kv->key, kv->value, &ndomain, err);
        if (rc == DS_OK && ndomain) {
            /* As `damirstat derive` says on stderr; the report keeps it too, since the
             * fits only see these rows as missing. */
            char note[600];
            snprintf(note, sizeof note, "%s:%d: [derive] %s: %zu row%s missing (division by "
                     "zero, log or sqrt out of domain, or overflow)", s->path, kv->line, kv->key,
                     ndomain, ndomain == 1 ? "" : "s");
            if (!r->quiet)
                fprintf(stderr, "damirstat: run: warning: %s\n", note);
            r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
            r->notes[r->nnotes++] = xstrdup(note);
        }
        if (rc != DS_OK) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ds_err_clear(err);
            return ds_err_set(err, rc, "%s:%d: [derive] %s: %s", s->path, kv->line, kv->key,
                              msg);
        }
    }
    return DS_OK;
}

int study_mkdirs(const char *dir, ds_err *err)
{
    char *p = xstrdup(dir);
    for (char *q = p + 1; ; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int rc = ds_err_set(err, DS_EIO, "%s: cannot create folder: %s", p, strerror(errno));
            free(p);
            return rc;
        }
        if (!c)
            break;
        *q = c;
    }
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok ? DS_OK : ds_err_set(err, DS_EIO, "%s: not a folder", dir);
}
