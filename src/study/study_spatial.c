/* study_spatial: the spatial keys of a [fit] step — spatial = error|lag|durbin|slx,
 * lm_tests = yes, neighbours = contiguity|knn:K|band:KM|FILE, weights = W|B, islands =
 * drop|keep, centroids = FILE, impacts_draws = N, seed = N, logdet = auto|eigen|sparse,
 * se = conley:KM — read, then run after the fit (Conley standard errors replace the fit's;
 * the LM tests and the model go beside it, in the fit object and the report). */
#include <stdlib.h>
#include <string.h>

#include "study_steps_impl.h"

static const char *const spatial_keys[] = {"spatial", "lm_tests", "neighbours", "weights",
                                           "islands", "centroids", "impacts_draws", "seed",
                                           "logdet"};

static int bad(const study_t *s, const study_section *sec, const char *key, const char *want,
               ds_err *err)
{
    return ds_err_set(err, DS_EDATA, "%s:%d: %s: expected %s, got '%s'", s->path,
                      study_line(sec, key), key, want, study_get(sec, key));
}

static int count_key(const study_t *s, const study_section *sec, const char *key,
                     unsigned long max, unsigned long *out, ds_err *err)
{
    const char *v = study_get(sec, key);
    char *end;
    if (!v)
        return DS_OK;
    *out = strtoul(v, &end, 10);
    if (!*v || *end || v[0] == '-' || *out > max)
        return bad(s, sec, key, "a whole number", err);
    return DS_OK;
}

/* neighbours = and centroids = (paths relative to the study). */
static int weights_keys(const study_t *s, const study_section *sec, study_spatial *sp,
                        ds_err *err)
{
    const char *v;
    ds_err local;
    ds_err_clear(&local);
    if ((v = study_get(sec, "neighbours"))) {
        if (weights_spec_parse(v, &sp->rq.weights, &local))
            return ds_err_set(err, DS_EDATA, "%s:%d: %s", s->path,
                              study_line(sec, "neighbours"), local.msg);
        if (sp->rq.weights.kind == WEIGHTS_FILE)
            sp->rq.weights.neighbours = sp->neighbours = study_path(s, v);
    }
    if ((v = study_get(sec, "centroids")))
        sp->rq.weights.centroids = sp->centroids = study_path(s, v);
    if ((v = study_get(sec, "weights")) && weights_style_parse(v, &sp->rq.weights.style))
        return bad(s, sec, "weights", "W (row-standardised) or B (binary)", err);
    if ((v = study_get(sec, "islands")) && weights_islands_parse(v, &sp->rq.weights.islands))
        return bad(s, sec, "islands", "drop or keep", err);
    return DS_OK;
}

static int model_keys(const study_t *s, const study_section *sec, study_spatial *sp,
                      ds_err *err)
{
    const char *v;
    unsigned long n = 0;
    if ((v = study_get(sec, "spatial"))) {
        if (spatial_model_parse(v, &sp->rq.opts.model))
            return bad(s, sec, "spatial", "error, lag, durbin or slx", err);
        sp->rq.fit = 1;
    }
    if ((v = study_get(sec, "lm_tests")) && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
        return bad(s, sec, "lm_tests", "yes or no", err);
    sp->rq.lm_tests = v && strcmp(v, "yes") == 0;
    if ((v = study_get(sec, "logdet")) && spatial_logdet_parse(v, &sp->rq.opts.logdet))
        return bad(s, sec, "logdet", "auto, eigen or sparse", err);
    int rc = count_key(s, sec, "impacts_draws", 10000000, &n, err);
    sp->rq.opts.impacts_draws = n;
    n = sp->rq.opts.seed;
    if (!rc && (rc = count_key(s, sec, "seed", 0xffffffffUL, &n, err)) == DS_OK)
        sp->rq.opts.seed = n;
    return rc;
}

int study_spatial_options(const study_t *s, const study_section *sec, study_fit *f,
                          ds_err *err)
{
    const char *se = study_get(sec, "se");
    int any = se && strncmp(se, "conley", 6) == 0;
    for (size_t i = 0; i < sizeof spatial_keys / sizeof *spatial_keys; i++)
        any |= study_get(sec, spatial_keys[i]) != NULL;
    if (!any)
        return DS_OK;
    study_spatial *sp = f->spatial = xcalloc(1, sizeof *sp);
    weights_options_default(&sp->rq.weights);
    spatial_options_default(&sp->rq.opts);
    sp->rq.key_col = f->key_col;
    ds_err local;
    ds_err_clear(&local);
    if (se && strncmp(se, "conley", 6) == 0 && conley_parse(se, &sp->co, &local) != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: se: expected conley:KM or "
                          "conley-uniform:KM (a cutoff in km), got '%s'", s->path,
                          study_line(sec, "se"), se);
    sp->conley = se && strncmp(se, "conley", 6) == 0;
    int rc = weights_keys(s, sec, sp, err);
    return rc ? rc : model_keys(s, sec, sp, err);
}

int study_spatial_run(const study_t *s, const study_section *sec, study_fit *f, ds_err *err)
{
    study_spatial *sp = f->spatial;
    int rc = DS_OK;
    if (sp->conley &&
        (rc = conley_fit(f->data, f->fit, &f->opt, f->key_col, sp->rq.weights.centroids,
                         &sp->co, err)))
        return study_fail_at(s, sec, "se", rc, err);
    if (!sp->rq.fit && !sp->rq.lm_tests)
        return DS_OK;
    if ((rc = spatial_run(f->data, f->fit, &f->opt, &sp->rq, &sp->res, err)))
        return study_fail_at(s, sec, sp->rq.fit ? "spatial" : "lm_tests", rc, err);
    f->fit->spatial = &sp->res;
    return DS_OK;
}
