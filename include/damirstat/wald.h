/* wald: the joint Wald test that a group of coefficients are all 0, with any covariance of
 * the estimates (classical, HC, clustered), as lmtest::waldtest(vcov = …) and
 * car::linearHypothesis.
 *
 * W = b_S' V_SS⁻¹ b_S over the q coefficients S tested. With finite residual degrees of
 * freedom df2 the test is F = W / q on (q, df2) (waldtest's default on an lm, and on a
 * quasi-Poisson glm, whose dispersion is estimated); with df2 = INFINITY it is χ² = W on q
 * degrees of freedom (car::linearHypothesis on a glm, waldtest(test = "Chisq")): use it
 * when the dispersion is known (poisson, negbin). V_SS is inverted through its eigenvalues
 * on the correlation scale: a V_SS of rank r < q — as a clustered covariance is when q
 * exceeds G − 1 — is an error that says so, where R's solve() stops with "computationally
 * singular" or returns a meaningless W. */
#ifndef DAMIRSTAT_WALD_H
#define DAMIRSTAT_WALD_H

#include <stddef.h>

#include "damirstat/err.h"

typedef struct wald_result {
    size_t q;          /* restrictions tested */
    double chisq;      /* W */
    double statistic;  /* F = W / q, or W for χ² */
    double df1, df2;   /* q, and df2 (INFINITY for χ²) */
    double p_value;
    int is_f;          /* 1 for F, 0 for χ² */
} wald_result;

/* Tests b[idx[k]] = 0 for k < q, v the p × p row-major covariance of b. DS_EDATA when q is
 * 0, a tested coefficient or its covariance is not a finite number (an aliased term), or
 * V_SS is not of full rank q (the message gives its rank). */
int wald_test(const double *b, const double *v, size_t p, const size_t *idx, size_t q,
              double df2, wald_result *out, ds_err *err);

/* The coefficients a --test names, among names[0 … p): a comma-separated list of terms,
 * each a name or a prefix ending in '*' ("share_*" is every term starting with "share_"),
 * or a factor as written ("factor(reg)": its dummies factor(reg)LEVEL, not interactions).
 * Sets *idx (caller frees) and *q, in the order of names. DS_EUSAGE for an empty list or
 * a name or prefix that matches no term (named in the message). */
int wald_select(const char *const *names, size_t p, const char *spec, size_t **idx, size_t *q,
                ds_err *err);

#endif
