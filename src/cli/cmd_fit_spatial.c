/* cmd_fit_spatial: the spatial options of `damirstat fit` (see cmd_fit_impl.h). */
#include <string.h>

#include "cmd_fit_impl.h"

void fit_spatial_init(struct fit_spatial *s)
{
    memset(s, 0, sizeof *s);
    weights_options_default(&s->rq.weights);
    spatial_options_default(&s->rq.opts);
}

int fit_spatial_neighbours(struct fit_spatial *s, const char *v, ds_err *err)
{
    ds_err local;
    ds_err_clear(&local);
    if (weights_spec_parse(v, &s->rq.weights, &local))
        return ds_err_set(err, DS_EUSAGE, "fit: --%s", local.msg);
    return DS_OK;
}

int fit_spatial_se(struct fit_spatial *s, const char *v, ds_err *err)
{
    ds_err local;
    ds_err_clear(&local);
    if (strcmp(v, "conley") == 0 || strcmp(v, "conley-uniform") == 0)
        return ds_err_set(err, DS_EUSAGE, "fit: --se %s needs a cutoff distance in km: "
                          "--se %s:200", v, v);
    int rc = conley_parse(v, &s->co, &local);
    if (rc < 0)
        return ds_err_set(err, DS_EUSAGE, "fit: --se %s", local.msg);
    s->conley = rc == 0;
    return rc;
}

static int set_count(const char *opt, const char *v, unsigned long long max,
                     unsigned long long *out, ds_err *err)
{
    int rc = cli_parse_count("fit", opt, v, out, err);
    if (!rc && *out > max)
        rc = ds_err_set(err, DS_EUSAGE, "fit: %s expects at most %llu, got '%s'", opt, max, v);
    return rc;
}

int fit_spatial_option(struct fit_spatial *s, int id, const char *v, ds_err *err)
{
    static const char *const islands[] = {"drop", "keep"};
    unsigned long long n = 0;
    int i = 0, rc = DS_OK;
    switch (id) {
    case FIT_O_LM_TESTS: s->rq.lm_tests = 1; break;
    case FIT_O_CENTROIDS: s->rq.weights.centroids = v; break;
    case FIT_O_SPATIAL:
        if (spatial_model_parse(v, &s->rq.opts.model))
            return ds_err_set(err, DS_EUSAGE, "fit: --spatial expects error, lag, durbin or "
                              "slx, got '%s'", v);
        s->rq.fit = 1;
        break;
    case FIT_O_STYLE:
        if (weights_style_parse(v, &s->rq.weights.style))
            return ds_err_set(err, DS_EUSAGE, "fit: --weights expects W (row-standardised) or "
                              "B (binary), got '%s' (weighted least squares is --weight COL)",
                              v);
        break;
    case FIT_O_ISLANDS:
        rc = cli_parse_choice("fit", "--islands", v, islands, 2, &i, err);
        s->rq.weights.islands = i ? WEIGHTS_ISLANDS_KEEP : WEIGHTS_ISLANDS_DROP;
        break;
    case FIT_O_DRAWS:
        rc = set_count("--impacts-draws", v, 10000000, &n, err);
        s->rq.opts.impacts_draws = (size_t)n;
        break;
    case FIT_O_LOGDET:
        if (spatial_logdet_parse(v, &s->rq.opts.logdet))
            return ds_err_set(err, DS_EUSAGE, "fit: --logdet expects auto, eigen or sparse, got "
                              "'%s'", v);
        break;
    default: break;
    }
    return rc;
}

int fit_spatial_check(const struct fit_spatial *s, const model_options *opt, const char *key,
                      int key_known, ds_err *err)
{
    const char *what = s->rq.fit ? "--spatial" : s->rq.lm_tests ? "--lm-tests"
                       : s->conley ? "--se conley" : NULL;
    if (!what)
        return s->rq.opts.impacts_draws && !s->rq.fit
                   ? ds_err_set(err, DS_EUSAGE, "fit: --impacts-draws needs --spatial lag, "
                                "durbin or slx")
                   : DS_OK;
    if (!key && key_known)
        return ds_err_set(err, DS_EUSAGE, "fit: %s needs --key COL (department codes): the "
                          "data have no column of them", what);
    if (opt->weight || opt->method != MODEL_OLS)
        return ds_err_set(err, DS_EUSAGE, "fit: %s is for unweighted least squares: drop "
                          "--weight and --method", what);
    if (s->conley && (opt->se != MODEL_SE_CLASSICAL || opt->ncluster))
        return ds_err_set(err, DS_EUSAGE, "fit: --se conley and --cluster or another --se: "
                          "one kind of standard errors at a time");
    if (s->rq.opts.impacts_draws && (!s->rq.fit || s->rq.opts.model == SPATIAL_ERROR))
        return ds_err_set(err, DS_EUSAGE, "fit: --impacts-draws needs --spatial lag, durbin "
                          "or slx (the error model has no spillover impacts)");
    return DS_OK;
}

/* Names the option in a module's message ("fit: --spatial: …"); I/O errors name a file. */
static int option_error(const char *option, int rc, const ds_err *local, ds_err *err)
{
    if (rc == DS_EIO)
        return ds_err_set(err, rc, "%s", local->msg);
    return ds_err_set(err, rc, "fit: %s: %s", option, local->msg);
}

int fit_spatial_run(const struct fit_spatial *s, const table_t *t, model_fit *f,
                    const model_options *opt, spatial_result *r, ds_err *err)
{
    spatial_request rq = s->rq;
    rq.opts.seed = (unsigned long)opt->seed;
    ds_err local;
    ds_err_clear(&local);
    int rc = DS_OK;
    if (s->conley &&
        (rc = conley_fit(t, f, opt, s->rq.key_col, s->rq.weights.centroids, &s->co, &local)))
        return option_error("--se conley", rc, &local, err);
    if (!s->rq.fit && !s->rq.lm_tests)
        return DS_OK;
    if ((rc = spatial_run(t, f, opt, &rq, r, &local)))
        return option_error(rq.fit ? "--spatial" : "--lm-tests", rc, &local, err);
    f->spatial = r;
    return DS_OK;
}

void fit_spatial_warn(FILE *fp, const spatial_result *r)
{
    if (r && r->fit && r->fit->at_bound)
        fprintf(fp, "damirstat: fit: warning: %s = %.6g is at the end of its interval (%.4g, "
                "%.4g): the likelihood has no maximum inside it; the estimates should not be "
                "used\n", r->fit->model == SPATIAL_ERROR ? "lambda" : "rho", r->fit->coef,
                r->fit->lower, r->fit->upper);
}
