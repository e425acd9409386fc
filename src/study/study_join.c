/* study_join: the [join] step — the join module on two tables of the run (or a file on the
 * right), department and region codes canonicalised through geo ("1" joins "01"); keys
 * without a match are kept for the report, where a lost department shows. */
#include <stdlib.h>
#include <string.h>

#include "damirstat/join.h"
#include "study_steps_impl.h"

/* The right side: a table of an earlier step, or a file. *owned is set when loaded here. */
static int right_side(const study_t *s, const study_section *sec, const study_state *st,
                      const table_t **right, table_t **owned, ds_err *err)
{
    const char *r = study_get(sec, "right");
    *owned = NULL;
    if ((*right = study_state_table(st, r)))
        return DS_OK;
    table_load_opts lo;
    memset(&lo, 0, sizeof lo);
    if (study_get(sec, "skip"))
        lo.skip_lines = strtoul(study_get(sec, "skip"), NULL, 10);
    char *path = study_path(s, r);
    int rc = table_load_with(path, &lo, owned, err);
    free(path);
    if (rc == DS_OK)
        study_table_notes(st, *owned);
    *right = *owned;
    return rc;
}

static int key_type(const char *v, join_key_type *t)
{
    static const char *const names[] = {"auto", "dept", "region", "text"};
    for (int k = 0; k < 4; k++)
        if (strcmp(v, names[k]) == 0) {
            *t = (join_key_type)k;
            return 1;
        }
    return 0;
}

/* Keeps "key (side)" texts of the unmatched keys for the report. */
static void note_misses(study_state *r, const char *name, const join_result *res)
{
    for (size_t i = 0; i < res->nmisses; i++) {
        char buf[128];
        join_describe_miss(&res->misses[i], res->key_type, buf, sizeof buf);
        study_state_push_miss(r, name, buf, res->misses[i].side);
    }
}

int study_join_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    const table_t *l = study_state_table(r, study_get(sec, "left"));
    if (!l)
        return ds_err_set(err, DS_EDATA, "%s:%d: [join %s]: no table '%s' defined before",
                          s->path, study_line(sec, "left"), sec->name, study_get(sec, "left"));
    join_options o;
    memset(&o, 0, sizeof o);
    o.left_key = study_get(sec, "on");
    o.right_key = study_get(sec, "right_on") ? study_get(sec, "right_on") : o.left_key;
    o.how = JOIN_INNER;
    o.key_type = JOIN_KEY_AUTO;
    const char *how = study_get(sec, "how");
    if (how && strcmp(how, "left") != 0 && strcmp(how, "inner") != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: how: expected inner or left, got '%s'", s->path,
                          study_line(sec, "how"), how);
    if (how && strcmp(how, "left") == 0)
        o.how = JOIN_LEFT;
    if (study_get(sec, "key") && !key_type(study_get(sec, "key"), &o.key_type))
        return ds_err_set(err, DS_EDATA, "%s:%d: key: expected auto, dept, region or text, "
                          "got '%s'", s->path, study_line(sec, "key"), study_get(sec, "key"));
    const table_t *right;
    table_t *owned;
    int rc = right_side(s, sec, r, &right, &owned, err);
    join_result res;
    memset(&res, 0, sizeof res);
    if (rc == DS_OK && (rc = join_tables(l, right, &o, &res, err)) == DS_OK) {
        note_misses(r, sec->name, &res);
        study_state_push_table(r, sec->name, res.table, sec->line);
        res.table = NULL;
    }
    join_result_free(&res);
    table_free(owned);
    if (rc != DS_OK)
        return study_fail_at(s, sec, NULL, rc, err);
    return DS_OK;
}

/* key type and skip; `right` is a table or a file, which study_check.c looks up. */
int study_join_check(const study_t *s, const study_section *sec, ds_err *err)
{
    join_key_type t;
    const char *v = study_get(sec, "key");
    if (v && !key_type(v, &t))
        return ds_err_set(err, DS_EDATA, "%s:%d: key: expected auto, dept, region or text, "
                          "got '%s'", s->path, study_line(sec, "key"), v);
    char *end;
    if ((v = study_get(sec, "skip")) && (strtoul(v, &end, 10), *end || *v < '0' || *v > '9'))
        return ds_err_set(err, DS_EDATA, "%s:%d: [join %s]: skip: expected a number of lines, "
                          "got '%s'", s->path, study_line(sec, "skip"), sec->name, v);
    return DS_OK;
}
