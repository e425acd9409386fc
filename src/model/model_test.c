/* model_test: joint Wald tests on a fitted model (wald.c) — the terms --test names, and the
 * overall F of a least-squares fit under a sandwich covariance (HC or CR1), which summary.lm computes
 * from the classical covariance whatever the standard errors: with --se hc3 the F that
 * agrees with the term tests is the robust Wald F (lmtest::waldtest(m, vcov = vcovHC(m,
 * "HC3")) — Long & Ervin 2000, the same F Stata's regress, robust reports). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/glm.h"
#include "damirstat/wald.h"
#include "model_test_impl.h"

static int run(model_fit *f, const size_t *idx, size_t q, double df2, wald_result *w,
               ds_err *err)
{
    double *b = xmalloc((f->p + 1) * sizeof *b);
    for (size_t j = 0; j < f->p; j++)
        b[j] = f->terms[j].estimate;
    int rc = wald_test(b, f->vcov, f->p, idx, q, df2, w, err);
    free(b);
    return rc;
}

/* The F's denominator degrees of freedom: those of the terms' t tests (the residual df,
 * or G − 1 under CR1 as fixest and Stata), G − 1 under CR2 (whose Satterthwaite df are per
 * coefficient: no HTZ correction here), the residual df for a z-tested count model (as
 * lmtest::waldtest on a glm). */
static double f_df2(const model_fit *f, const size_t *idx)
{
    if (f->se == MODEL_SE_CR2 && f->ncluster)
        return (double)f->cluster_groups[0] - 1;
    double df = f->terms[idx[0]].df;
    return isfinite(df) && df > 0 ? df : f->df_residual;
}

int model_fit_test(model_fit *f, const char *spec, ds_err *err)
{
    const char **names = xmalloc((f->p + 1) * sizeof *names);
    for (size_t j = 0; j < f->p; j++)
        names[j] = f->terms[j].name;
    size_t *idx = NULL, q = 0;
    int rc = wald_select(names, f->p, spec, &idx, &q, err);
    free(names);
    for (size_t k = 0; rc == DS_OK && k < q; k++)
        if (f->terms[idx[k]].aliased)
            rc = ds_err_set(err, DS_EDATA, "--test: term '%s' is not estimated (aliased or "
                            "separated): leave it out of the test", f->terms[idx[k]].name);
    /* known dispersion: χ² (car::linearHypothesis on a glm); else F on the residual df */
    int chisq = f->family == MODEL_POISSON || f->family == MODEL_NEGBIN;
    wald_result w;
    if (rc == DS_OK)
        rc = run(f, idx, q, chisq ? INFINITY : f_df2(f, idx), &w, err);
    free(idx);
    if (rc)
        return rc;
    f->test = xstrdup(spec);
    f->test_q = w.q;
    f->test_statistic = w.statistic;
    f->test_df1 = w.df1;
    f->test_df2 = w.df2;
    f->test_p_value = w.p_value;
    f->test_is_f = w.is_f;
    return DS_OK;
}

void model_fit_robust_f(model_fit *f)
{
    size_t *idx = xmalloc((f->p + 1) * sizeof *idx), q = 0;
    for (size_t j = (size_t)f->has_intercept; j < f->p; j++)
        if (!f->terms[j].aliased)
            idx[q++] = j;
    wald_result w;
    ds_err err;
    ds_err_clear(&err);
    if (q > 0 && f->se == MODEL_SE_CR2)
        f->f_robust_note = xstrdup("no Wald F is formed from CR2 here (clubSandwich's "
                                   "Wald_test would use its HTZ test)");
    else if (q > 0 && f->hc_leverage_one)
        f->f_robust_note = xstrdup("the robust covariance is undefined (hat values of 1)");
    else if (q > 0 && run(f, idx, q, f_df2(f, idx), &w, &err) != DS_OK) {
        const char *m = strncmp(err.msg, "Wald test: ", 11) == 0 ? err.msg + 11 : err.msg;
        size_t len = strlen(m) + 64;
        f->f_robust_note = xmalloc(len);
        snprintf(f->f_robust_note, len, "no robust Wald F of all terms: %s", m);
    } else if (q > 0) {
        f->f_classical = f->f_statistic;
        f->f_classical_p_value = f->f_p_value;
        f->f_statistic = w.statistic;
        f->f_df1 = w.df1;
        f->f_df2 = w.df2;
        f->f_p_value = w.p_value;
        f->f_robust = 1;
    }
    free(idx);
}
