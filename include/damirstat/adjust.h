/* adjust: p-values adjusted for multiple testing, as R's p.adjust.
 *
 * Methods (R's names in brackets): bonferroni, holm, hochberg, bh ("BH", Benjamini &
 * Hochberg's false discovery rate), by ("BY", Benjamini & Yekutieli, any dependence). Missing
 * p-values (NAN) stay missing and do not count in the number of tests, as p.adjust's default
 * n = sum(!is.na(p)). */
#ifndef DAMIRSTAT_ADJUST_H
#define DAMIRSTAT_ADJUST_H

#include <stddef.h>

typedef enum {
    ADJUST_NONE, ADJUST_BONFERRONI, ADJUST_HOLM, ADJUST_HOCHBERG, ADJUST_BH, ADJUST_BY
} adjust_method;

/* "none", "bonferroni", "holm", "hochberg", "bh", "by"; adjust_parse also takes R's "BH",
 * "BY" and "fdr" (= bh), returns 0 and sets *out, or -1 for an unknown name. */
const char *adjust_name(adjust_method m);
int adjust_parse(const char *s, adjust_method *out);

/* out[i] = the adjusted p[i] (n entries; out may be p). */
void adjust_p(adjust_method m, const double *p, size_t n, double *out);

#endif
