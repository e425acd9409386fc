/* study_derive: the [derive] step — new number columns computed with the expr module on a
 * table of an earlier step (the latest one unless `table = NAME`). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/expr.h"
#include "study_steps_impl.h"

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
    table_t *t = study_state_table_edit(r, want);
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
            study_state_push_note(r, note);
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

/* Every expression parses (its columns are known only once the table is made). */
int study_derive_check(const study_t *s, const study_section *sec, ds_err *err)
{
    for (size_t k = 0; k < sec->nkv; k++) {
        const study_kv *kv = &sec->kv[k];
        if (strcmp(kv->key, "table") == 0)
            continue;
        expr_t *e = NULL;
        int rc = expr_parse(kv->value, &e, err);
        expr_free(e);
        if (rc != DS_OK) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ds_err_clear(err);
            return ds_err_set(err, DS_EDATA, "%s:%d: [derive] %s: %s", s->path, kv->line,
                              kv->key, msg);
        }
    }
    return DS_OK;
}
