/* report_impl.h: what report.c, report_text.c and report_glm.c share. */
#ifndef DAMIRSTAT_REPORT_IMPL_H
#define DAMIRSTAT_REPORT_IMPL_H

#include <stdio.h>

#include "damirstat/report.h"

/* Decimals R's print() gives a numeric vector at `digits` significant digits (report_text.c). */
int report_print_decimals(const double *v, size_t n, int digits);

/* A count model's first lines (family, formula, offset) and, after the coefficients, what
 * print.summary.glm adds (rate ratios for --exp, dispersion, deviances, AIC, iterations,
 * theta); report_glm.c. */
void report_glm_header(const model_fit *f, FILE *fp);
void report_glm_summary(const model_fit *f, FILE *fp);
/* The --test line: "Wald test of share_* (18 terms, HC3 covariance): F = … on … DF, p-value". */
void report_test_line(const model_fit *f, FILE *fp);
/* The fit object's members for a robust F, a joint test and a count model (after
 * "response"). */
void report_glm_json_members(json_w *w, const model_fit *f);

#endif
