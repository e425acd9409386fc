/* model: the module's entry points — model_fit_formula parses the formula (model_formula.c),
 * binds it to the table (model_data.c), starts the fit (model_fit.c) and hands it to the fit
 * kind its method names; model_fit_design rebuilds a fit's model matrix. This file is the top
 * of the module: it calls the others, none calls it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "model_data_impl.h"
#include "damirstat/glm.h"
#include "model_fit_impl.h"
#include "model_glm_impl.h"
#include "model_ols_impl.h"
#include "model_robust_impl.h"
#include "model_test_impl.h"

void model_options_default(model_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->method = MODEL_OLS;
    opt->se = MODEL_SE_CLASSICAL;
    opt->level = 0.95;
}

/* What every fit kind is handed: the bound data, the formula's terms, the options, and the
 * started fit to fill. */
typedef int fit_kind(const model_data *d, const model_spec *spec, const model_options *opt,
                     model_fit *f, ds_err *err);

/* The dispatcher: the fit kind of each method (and family). A new kind plugs in here (its
 * file and its _impl.h beside model_ols.c), the core and the other kinds untouched. */
static fit_kind *kind_of(model_method method, model_family family)
{
    if (family != MODEL_GAUSSIAN)
        return method == MODEL_OLS ? model_fit_glm : NULL;
    switch (method) {
    case MODEL_OLS:
        return model_fit_ols;
    case MODEL_HUBER:
    case MODEL_BISQUARE:
        return model_fit_robust;
    }
    return NULL;
}

/* Clustered standard errors and the wild bootstrap: what goes with what. */
static int check_cluster_options(const model_options *opt, ds_err *err)
{
    int clustered = opt->se == MODEL_SE_CR1 || opt->se == MODEL_SE_CR2;
    if (opt->ncluster > 2)
        return ds_err_set(err, DS_EUSAGE, "--cluster takes one or two columns, got %zu",
                          opt->ncluster);
    if (clustered && !opt->ncluster)
        return ds_err_set(err, DS_EUSAGE, "--se %s needs --cluster COL",
                          model_se_name(opt->se));
    if (opt->ncluster && !clustered && opt->se != MODEL_SE_CLASSICAL)
        return ds_err_set(err, DS_EUSAGE, "--cluster gives clustered standard errors (cr1 or "
                          "cr2): it does not go with --se %s", model_se_name(opt->se));
    if (opt->wild_bootstrap && opt->family != MODEL_GAUSSIAN)
        return ds_err_set(err, DS_EUSAGE, "--wild-bootstrap resamples least-squares residuals: "
                          "it does not go with --family %s", model_family_name(opt->family));
    if (opt->ncluster && opt->method != MODEL_OLS)
        return ds_err_set(err, DS_EUSAGE, "--cluster goes with least squares, not --method %s",
                          model_method_name(opt->method));
    if (opt->se == MODEL_SE_CR2 && opt->ncluster != 1)
        return ds_err_set(err, DS_EUSAGE, "--se cr2 takes one cluster column, got %zu",
                          opt->ncluster);
    if (opt->wild_bootstrap && opt->ncluster != 1)
        return ds_err_set(err, DS_EUSAGE, "--wild-bootstrap needs one --cluster column%s",
                          opt->ncluster ? " (it resamples one clustering)" : "");
    if (opt->ncluster == 2 && strcmp(opt->cluster[0], opt->cluster[1]) == 0)
        return ds_err_set(err, DS_EUSAGE, "--cluster names '%s' twice", opt->cluster[0]);
    return DS_OK;
}

static int check_options(const model_options *opt, ds_err *err)
{
    if (!(opt->level > 0 && opt->level < 1))
        return ds_err_set(err, DS_EUSAGE, "confidence level must be between 0 and 1, got %g",
                          opt->level);
    if (opt->family != MODEL_GAUSSIAN && opt->method != MODEL_OLS)
        return ds_err_set(err, DS_EUSAGE, "--method %s is for least squares: a count model "
                          "(--family %s) is fitted by maximum likelihood",
                          model_method_name(opt->method), model_family_name(opt->family));
    if (opt->family == MODEL_GAUSSIAN && (opt->offset || opt->exp))
        return ds_err_set(err, DS_EUSAGE, "%s needs a count model: --family poisson, "
                          "quasipoisson or negbin", opt->offset ? "--offset" : "--exp");
    if (!kind_of(opt->method, opt->family))
        return ds_err_set(err, DS_EUSAGE, "unknown fit method %d", (int)opt->method);
    if (opt->method != MODEL_OLS && (opt->weight || opt->se != MODEL_SE_CLASSICAL))
        return ds_err_set(err, DS_EUSAGE, "--method %s takes neither weights nor --se %s "
                          "(its standard errors are GSL's robust covariance)",
                          model_method_name(opt->method),
                          opt->weight ? "(weights)" : model_se_name(opt->se));
    return check_cluster_options(opt, err);
}

int model_fit_formula(const table_t *t, const char *formula, const model_options *opt,
                      model_fit **out, ds_err *err)
{
    *out = NULL;
    int rc = check_options(opt, err);
    if (rc)
        return rc;
    model_spec spec;
    if ((rc = model_spec_parse(formula, &spec, err)))
        return rc;
    if (opt->offset && (rc = expr_parse(opt->offset, &spec.offset, err))) {
        model_spec_free(&spec);
        return rc;
    }
    model_data d;
    if ((rc = model_data_build(t, &spec, opt, &d, err))) {
        model_spec_free(&spec);
        return rc;
    }
    if (spec.terms.nfe && opt->family != MODEL_GAUSSIAN) {
        model_data_free(&d);
        model_spec_free(&spec);
        return ds_err_set(err, DS_EUSAGE, "absorbed fixed effects ('|') go with least "
                          "squares, not --family %s: write them as factor() terms",
                          model_family_name(opt->family));
    }
    if (spec.terms.nfe && opt->method != MODEL_OLS) {
        model_data_free(&d);
        model_spec_free(&spec);
        return ds_err_set(err, DS_EUSAGE, "absorbed fixed effects ('|') go with least "
                          "squares, not --method %s: write them as factor() terms",
                          model_method_name(opt->method));
    }
    model_fit *f = model_fit_start(formula, &spec, &d, opt);
    rc = kind_of(opt->method, opt->family)(&d, &spec, opt, f, err);
    if (rc == DS_OK && opt->family == MODEL_GAUSSIAN && opt->method == MODEL_OLS &&
        f->se != MODEL_SE_CLASSICAL) /* f->se: --cluster alone means CR1 */
        model_fit_robust_f(f);
    if (rc == DS_OK && opt->test)
        rc = model_fit_test(f, opt->test, err);
    model_data_free(&d);
    model_spec_free(&spec);
    if (rc) {
        model_fit_free(f);
        return rc;
    }
    *out = f;
    return DS_OK;
}

/* A column name as a formula term: backquoted unless it is a plain identifier. */
static void write_term(FILE *fp, const char *name)
{
    int plain = (name[0] < '0' || name[0] > '9') && name[0] != '.';
    for (const char *c = name; *c; c++)
        plain &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= '0' && *c <= '9') || *c == '_' || *c == '.';
    fprintf(fp, plain ? "%s" : "`%s`", name);
}

int model_fit_line(const table_t *t, const char *y, const char *x, const model_options *opt,
                   model_fit **out, ds_err *err)
{
    *out = NULL;
    char *formula = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&formula, &len);
    if (!fp)
        return ds_err_set(err, DS_EIO, "out of memory");
    write_term(fp, y);
    fputs(" ~ ", fp);
    write_term(fp, x);
    fclose(fp);
    int rc = model_fit_formula(t, formula, opt, out, err);
    free(formula);
    return rc;
}

/* The model matrix of f (see model_fit_design); within: with absorbed fixed effects, the
 * within-transformed columns model_data_build made, rather than a refusal. */
static int fit_design(const table_t *t, const model_fit *f, const model_options *opt,
                      int within, double **x, ds_err *err)
{
    *x = NULL;
    model_spec spec;
    model_data d;
    int rc = model_spec_parse(f->formula, &spec, err);
    if (rc)
        return rc;
    if (spec.terms.nfe && !within) {
        model_spec_free(&spec);
        return ds_err_set(err, DS_EDATA, "model matrix: the fit absorbs fixed effects (%s), "
                          "whose dummies it does not build: write them as factor() terms",
                          f->nfe ? f->fe[0].name : "|");
    }
    if ((rc = model_data_build(t, &spec, opt, &d, err))) {
        model_spec_free(&spec);
        return rc;
    }
    int same = d.n == f->n && d.p == f->p;
    for (size_t i = 0; same && i < d.n; i++)
        same = d.rows[i] == f->rows[i];
    if (!same)
        rc = ds_err_set(err, DS_EDATA, "model matrix: %s no longer gives the fit's %zu rows",
                        table_name(t), f->n);
    if (!rc) {
        double *m = xmalloc((d.n * f->rank + 1) * sizeof *m);
        for (size_t i = 0; i < d.n; i++) {
            long double sw = d.w ? sqrtl(d.w[i]) : 1;
            size_t k = 0;
            for (size_t j = 0; j < d.p; j++)
                if (!f->terms[j].aliased)
                    m[i * f->rank + k++] = (double)(sw * d.x[j * d.cap + i]);
        }
        *x = m;
    }
    model_data_free(&d);
    model_spec_free(&spec);
    return rc;
}

int model_fit_design(const table_t *t, const model_fit *f, const model_options *opt,
                     double **x, ds_err *err)
{
    return fit_design(t, f, opt, 0, x, err);
}

int model_fit_design_within(const table_t *t, const model_fit *f, const model_options *opt,
                            double **x, ds_err *err)
{
    return fit_design(t, f, opt, 1, x, err);
}
