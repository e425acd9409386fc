/* adjust: R's p.adjust (stats 4.2), step for step: sort the m non-missing p-values, scale
 * each by its step's factor, take the running maximum (step-down: holm) or minimum from the
 * largest (step-up: hochberg, bh, by), cap at 1, and put them back in their places. A stable
 * sort keeps R's order among ties, which gives tied p-values the same adjusted value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "damirstat/adjust.h"
#include "damirstat/err.h"

static const char *const names[] = {"none", "bonferroni", "holm", "hochberg", "bh", "by"};

const char *adjust_name(adjust_method m) { return names[m]; }

int adjust_parse(const char *s, adjust_method *out)
{
    for (int i = 0; i < 6; i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (adjust_method)i;
            return 0;
        }
    if (strcasecmp(s, "fdr") == 0) {
        *out = ADJUST_BH;
        return 0;
    }
    return -1;
}

typedef struct ranked {
    double p;
    size_t at;
} ranked;

static int by_p(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

void adjust_p(adjust_method m, const double *p, size_t n, double *out)
{
    ranked *r = xmalloc((n + 1) * sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p[i]))
            r[k++] = (ranked){p[i], i};
    if (out != p)
        memcpy(out, p, n * sizeof *out);
    if (m == ADJUST_NONE || k <= 1) { /* p.adjust returns p unchanged when n <= 1 */
        free(r);
        return;
    }
    qsort(r, k, sizeof *r, by_p);
    double mk = (double)k, harmonic = 0, run = 0;
    for (size_t i = 1; i <= k; i++)
        harmonic += 1.0 / (double)i;
    for (size_t j = 0; j < k && (m == ADJUST_BONFERRONI || m == ADJUST_HOLM); j++) {
        double v = (m == ADJUST_HOLM ? mk - (double)j : mk) * r[j].p;
        run = m == ADJUST_HOLM && run > v ? run : v;  /* holm: cummax */
        out[r[j].at] = run < 1 ? run : 1;
    }
    run = INFINITY;
    for (size_t j = k; j-- > 0 && m != ADJUST_BONFERRONI && m != ADJUST_HOLM;) {
        double i = (double)(j + 1), v;
        if (m == ADJUST_HOCHBERG)
            v = (mk + 1 - i) * r[j].p;
        else
            v = (m == ADJUST_BY ? harmonic : 1) * mk / i * r[j].p;
        run = v < run ? v : run;  /* cummin from the largest p */
        out[r[j].at] = run < 1 ? run : 1;
    }
    free(r);
}
