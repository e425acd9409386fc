/* pvalue: upper-tail probabilities of the t, F, χ² and normal distributions, to R's accuracy
 * far into the tail.
 *
 * R's pt and pf are pbeta (TOMS 708), accurate to about 1e-14 relative however small the
 * tail; GSL's gsl_cdf_tdist_Q drifts (6e-10 relative at t = 14.7 on 82 df, where p = 5e-25).
 * Here t and F tails are the regularised incomplete beta function computed in long double
 * (continued fraction, log-scale prefactor, Stirling series for the beta function of large
 * arguments): they agree with R 4.2 to 1e-12 relative for every p down to 1e-300
 * (tests/test_pvalue.c). The χ² and normal tails are GSL's (gsl_sf_gamma_inc_Q and
 * gsl_cdf_ugaussian_Q, which meet the same bound there). Below 1e-300 the long double
 * result is rounded to the nearest double (fewer digits among subnormals, 0 below 4.9e-324),
 * as R's own value is; pvalue_format prints it "< 1e-300". */
#ifndef DAMIRSTAT_PVALUE_H
#define DAMIRSTAT_PVALUE_H

#include <stddef.h>

/* P(T > t), T ~ t with df > 0 degrees of freedom (df may be fractional, as Satterthwaite's);
 * 2 P(T > |t|). NAN for a NAN argument or df <= 0; infinite t gives 0 (or 1). */
double pvalue_t_upper(double t, double df);
double pvalue_t_two_sided(double t, double df);

/* P(F > f), F ~ F(df1, df2). */
double pvalue_f_upper(double f, double df1, double df2);

/* P(X > x), X ~ χ²(df). */
double pvalue_chisq_upper(double x, double df);

/* 2 P(Z > |z|), Z standard normal. */
double pvalue_normal_two_sided(double z);

/* p for text: "< 1e-300" below 1e-300, else with `digits` significant digits (%.*g);
 * "NA" for NAN. Returns the length, as snprintf. */
int pvalue_format(double p, int digits, char *buf, size_t size);
/* As R's summary tables print a p-value (format.pval with eps = .Machine$double.eps): "NA",
 * "< 2.2e-16" below the machine epsilon, else DIGITS significant digits. Returns buf. */
const char *pvalue_text_r(double p, int digits, char *buf, size_t size);

#endif
