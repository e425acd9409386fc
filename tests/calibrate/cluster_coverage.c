/* make calibrate, second part: how often do the 95 % intervals of CR1, CR2 and the wild
 * cluster bootstrap cover the true slope when there are few clusters? (Not part of make
 * check: about 15 seconds.)
 *
 * Each of N datasets (default 1,000; env N) has 13 clusters sized as the 13 metropolitan
 * regions' departments (8, 6, 8, 5, 5, 10, 5, 4, 12, 13, 12, 6, 2; 96 rows), a regressor
 * with a cluster component, x = z_g + e, and errors correlated within clusters, u = η_g + ε
 * (intra-cluster correlation 0.5 for both), y = 1 + 0.5 x + u. Each is fitted through
 * model_fit_formula("y ~ x") with --cluster g: CR1 (t on 12 df), CR2 (Satterthwaite df) and
 * the restricted wild bootstrap (B = 9999: every one of the 2^13 sign vectors once). The
 * bootstrap must cover 0.5 in 95 ± 2 % of the datasets (binomial SD at N = 1,000: 0.7 %);
 * CR1 is expected to fall short, which is why the fit says so below 30 clusters.
 * Data from GSL's MT19937, seed 2026: the run repeats exactly. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "damirstat/model.h"
#include "damirstat/table.h"

#define G 13
static const int sizes[G] = {8, 6, 8, 5, 5, 10, 5, 4, 12, 13, 12, 6, 2};
static const double slope = 0.5;

/* One dataset as a table with columns g (text), x, y. */
static table_t *dataset(gsl_rng *r)
{
    static const char *const names[] = {"g"};
    table_t *t = table_new(1, names);
    double x[96], y[96];
    size_t n = 0;
    for (int g = 0; g < G; g++) {
        double zg = gsl_ran_gaussian(r, 1), eta = gsl_ran_gaussian(r, 1);
        char label[8];
        snprintf(label, sizeof label, "c%02d", g);
        const char *cells[] = {label};
        for (int k = 0; k < sizes[g]; k++, n++) {
            x[n] = zg + gsl_ran_gaussian(r, 1);
            y[n] = 1 + slope * x[n] + eta + gsl_ran_gaussian(r, 1);
            table_append_row(t, cells);
        }
    }
    if (table_add_number_column(t, "x", x, n, NULL) || table_add_number_column(t, "y", y, n, NULL)) {
        table_free(t);
        return NULL;
    }
    return t;
}

/* 1 when the kind's interval covers the slope, 0 when not, -1 when the fit failed. */
static int covers(const table_t *t, model_se se, size_t wild)
{
    model_options o;
    model_options_default(&o);
    o.se = se;
    o.cluster[0] = "g";
    o.ncluster = 1;
    o.wild_bootstrap = wild;
    o.seed = 1;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (model_fit_formula(t, "y ~ x", &o, &f, &err)) {
        fprintf(stderr, "calibrate: %s\n", err.msg);
        return -1;
    }
    double lo = wild ? f->wild->ci_low : f->terms[1].ci_low;
    double hi = wild ? f->wild->ci_high : f->terms[1].ci_high;
    model_fit_free(f);
    return lo <= slope && slope <= hi;
}

int main(void)
{
    gsl_set_error_handler_off();
    long n = getenv("N") ? atol(getenv("N")) : 1000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r || n <= 0)
        return 3;
    gsl_rng_set(r, 2026);
    long hit[3] = {0, 0, 0};
    for (long d = 0; d < n; d++) {
        table_t *t = dataset(r);
        int c[3] = {t ? covers(t, MODEL_SE_CR1, 0) : -1, t ? covers(t, MODEL_SE_CR2, 0) : -1,
                    t ? covers(t, MODEL_SE_CR1, 9999) : -1};
        table_free(t);
        for (int k = 0; k < 3; k++) {
            if (c[k] < 0)
                return 1;
            hit[k] += c[k];
        }
    }
    gsl_rng_free(r);
    static const char *const kinds[3] = {"CR1, t on G - 1 = 12 df", "CR2, Satterthwaite df",
                                         "wild cluster bootstrap (WCR)"};
    printf("coverage of the true slope by 95 %% intervals, %ld datasets of 13 clusters "
           "(intra-cluster correlation 0.5):\n", n);
    for (int k = 0; k < 3; k++)
        printf("  %-30s %5.1f %%\n", kinds[k], 100.0 * (double)hit[k] / (double)n);
    double wild = 100.0 * (double)hit[2] / (double)n;
    int ok = wild >= 93 && wild <= 97;
    printf("wild bootstrap %s 95 %% +/- 2 %%\n", ok ? "within" : "OUTSIDE");
    return ok ? 0 : 1;
}
