/* study_screen: the [screen NAME] step — one column (y) correlated with each of several (x)
 * through the corr module, Pearson and Spearman by default, and the p-values of each method
 * adjusted over the screen by each method asked (Holm and Benjamini–Hochberg by default, as
 * R's p.adjust), so that a list of indicators is read with its multiplicity in view. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/adjust.h"
#include "damirstat/corr.h"
#include "study_steps_impl.h"

/* The values of column name of t (NAN where missing); caller frees. */
static int screen_column(const table_t *t, const char *name, double **out, ds_err *err)
{
    size_t col;
    int rc = table_number_column(t, name, &col, err);
    if (rc != DS_OK)
        return rc;
    *out = xmalloc((table_nrows(t) + 1) * sizeof **out);
    for (size_t i = 0; i < table_nrows(t); i++)
        (*out)[i] = table_num(t, i, col);
    return DS_OK;
}

static int screen_adjust_methods(const study_t *s, const study_section *sec, study_screen *c,
                                 ds_err *err)
{
    size_t nw;
    char **w = study_words(study_get(sec, "adjust") ? study_get(sec, "adjust") : "holm bh", &nw);
    int rc = DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        if (c->nadjust == STUDY_SCREEN_ADJUST_MAX ||
            adjust_parse(w[k], &c->adjust[c->nadjust]) != 0)
            rc = ds_err_set(err, DS_EDATA, "%s:%d: adjust: expected up to %d of holm, bh, "
                            "bonferroni, hochberg, by, got '%s'", s->path,
                            study_line(sec, "adjust"), STUDY_SCREEN_ADJUST_MAX, w[k]);
        else
            c->nadjust++;
    }
    study_words_free(w);
    return rc;
}

/* p_adjusted for each method computed and each adjustment, over the screen's columns. */
static void screen_adjust(study_screen *c)
{
    double *p = xmalloc((c->nx + 1) * sizeof *p), *q = xmalloc((c->nx + 1) * sizeof *q);
    c->p_adjusted = xmalloc((c->nx * 3 * c->nadjust + 1) * sizeof *c->p_adjusted);
    for (int m = 0; m < 3; m++) {
        for (size_t i = 0; i < c->nx; i++) {
            const corr_estimate *e = m == 0 ? &c->res[i].pearson : m == 1 ? &c->res[i].spearman
                                                                          : &c->res[i].kendall;
            p[i] = e->method ? e->p_value : NAN;
        }
        for (size_t a = 0; a < c->nadjust; a++) {
            adjust_p(c->adjust[a], p, c->nx, q);
            for (size_t i = 0; i < c->nx; i++)
                c->p_adjusted[(i * 3 + (size_t)m) * c->nadjust + a] = q[i];
        }
    }
    free(p);
    free(q);
}

/* Correlates y with each x of the screen over the rows of d. */
static int screen_run(const study_t *s, const study_section *sec, const table_t *d,
                      study_screen *c, ds_err *err)
{
    double *y = NULL, *x = NULL;
    int rc = screen_column(d, study_get(sec, "y"), &y, err);
    c->res = xcalloc(c->nx + 1, sizeof *c->res);
    for (size_t i = 0; i < c->nx && rc == DS_OK; i++) {
        if ((rc = screen_column(d, c->x[i], &x, err)) == DS_OK)
            rc = corr_compute(x, y, table_nrows(d), &c->opt, &c->res[i], err);
        free(x);
        x = NULL;
        if (rc != DS_OK)
            rc = study_fail_at(s, sec, "x", rc, err);
    }
    free(y);
    return rc;
}

int study_screen_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    study_screen c;
    memset(&c, 0, sizeof c);
    c.section = sec;
    const char *methods = study_get(sec, "methods");
    int rc = study_corr_options(s, sec, &c.opt, err);
    if (rc == DS_OK && !methods)
        c.opt.methods = CORR_PEARSON | CORR_SPEARMAN;
    if (rc == DS_OK)
        rc = screen_adjust_methods(s, sec, &c, err);
    const table_t *t = study_state_table(r, study_get(sec, "data"));
    table_t *sub = NULL;
    if (rc == DS_OK && !t)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [screen %s]: no table defined before", s->path,
                        sec->line, sec->name);
    if (rc == DS_OK && study_get(sec, "exclude") &&
        (rc = study_table_exclude(t, study_get(sec, "exclude"), &sub, err)) != DS_OK)
        rc = study_fail_at(s, sec, "exclude", rc, err);
    c.x = study_words(study_get(sec, "x"), &c.nx);
    if (rc == DS_OK && (rc = screen_run(s, sec, sub ? sub : t, &c, err)) == DS_OK)
        screen_adjust(&c);
    table_free(sub);
    if (rc != DS_OK) {
        study_words_free(c.x);
        free(c.res);
        free(c.p_adjusted);
        return rc;
    }
    study_state_push_screen(r, &c);
    return DS_OK;
}
