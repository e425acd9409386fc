/* spatial_coverage (make calibrate): how often does the 95 % Wald interval of the spatial
 * fits cover the λ and ρ a generator planted? Over N datasets (default 500) on the 96
 * metropolitan departments with the project's contiguity (row-standardised): x ~ N(0, 1),
 * ε ~ N(0, 1), and
 *   error:  y = 1 + 2x + (I − λW)⁻¹ε        lag:  y = (I − ρW)⁻¹(1 + 2x + ε)
 * for λ, ρ in {0.5, 0.85} (0.85 is the 2013 estimate). Prints the coverage of λ|ρ and of
 * the slope, with its binomial standard error. Not a test: ML intervals from the
 * asymptotic covariance are known to under-cover a little with 96 units and a large λ.
 * Usage: spatial_coverage [N] [SEED]; run from the repository root. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "damirstat/geo.h"
#include "damirstat/spatial.h"

/* (I − cW)⁻¹, dense. */
static gsl_matrix *inverse(const weights_t *w, double c)
{
    size_t n = w->n;
    gsl_matrix *m = gsl_matrix_alloc(n, n), *a = gsl_matrix_alloc(n, n);
    gsl_permutation *p = gsl_permutation_alloc(n);
    int sign;
    gsl_matrix_set_identity(m);
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            gsl_matrix_set(m, i, w->col[e], -c * w->val[e]);
    if (gsl_linalg_LU_decomp(m, p, &sign) || gsl_linalg_LU_invert(m, p, a)) {
        fprintf(stderr, "spatial_coverage: I - cW is singular\n");
        exit(1);
    }
    gsl_matrix_free(m);
    gsl_permutation_free(p);
    return a;
}

static void generate(gsl_rng *rng, const gsl_matrix *a, spatial_model model, double *x,
                     double *y, size_t n)
{
    double *e = malloc(n * sizeof *e);
    for (size_t i = 0; i < n; i++) {
        x[2 * i] = 1;
        x[2 * i + 1] = gsl_ran_ugaussian(rng);
        e[i] = gsl_ran_ugaussian(rng) + (model == SPATIAL_LAG ? 1 + 2 * x[2 * i + 1] : 0);
    }
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += gsl_matrix_get(a, i, j) * e[j];
        y[i] = s + (model == SPATIAL_ERROR ? 1 + 2 * x[2 * i + 1] : 0);
    }
    free(e);
}

static void coverage(const weights_t *w, spatial_model model, double planted, size_t runs,
                     gsl_rng *rng)
{
    size_t n = w->n, hit = 0, hit_slope = 0, failed = 0;
    double *x = malloc(2 * n * sizeof *x), *y = malloc(n * sizeof *y);
    gsl_matrix *a = inverse(w, planted);
    const char *const names[] = {"(Intercept)", "x"};
    spatial_options opt;
    spatial_options_default(&opt);
    opt.model = model;
    for (size_t r = 0; r < runs; r++) {
        generate(rng, a, model, x, y, n);
        spatial_fit *f = NULL;
        ds_err err;
        ds_err_clear(&err);
        if (spatial_fit_ml(y, x, n, 2, names, w, &opt, &f, &err) || f->at_bound) {
            failed++;
            spatial_fit_free(f);
            continue;
        }
        hit += fabs(f->coef - planted) <= 1.959963984540054 * f->coef_se;
        hit_slope += fabs(f->terms[1].estimate - 2) <= 1.959963984540054 * f->terms[1].std_error;
        spatial_fit_free(f);
    }
    double p = (double)hit / (double)(runs - failed);
    printf("spatial %-5s planted %s = %.2f: 95 %% CI covered it in %zu of %zu (%.1f %% ± %.1f); "
           "slope covered in %.1f %%; %zu failed fits\n", spatial_model_name(model),
           model == SPATIAL_ERROR ? "λ" : "ρ", planted, hit, runs - failed, 100 * p,
           100 * sqrt(p * (1 - p) / (double)(runs - failed)),
           100.0 * (double)hit_slope / (double)(runs - failed), failed);
    gsl_matrix_free(a);
    free(x);
    free(y);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    size_t runs = argc > 1 ? strtoul(argv[1], NULL, 10) : 500;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 2015;
    const char *keys[128];
    size_t n = geo_dept_count();
    for (size_t i = 0; i < n && i < 128; i++)
        keys[i] = geo_dept_code_at(i);
    weights_options wo;
    weights_options_default(&wo);
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (weights_build(keys, n, &wo, &w, &err)) {
        fprintf(stderr, "spatial_coverage: %s\n", err.msg);
        return 1;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    const double planted[] = {0.5, 0.85};
    for (int m = 0; m < 2; m++)
        for (int k = 0; k < 2; k++)
            coverage(w, m ? SPATIAL_LAG : SPATIAL_ERROR, planted[k], runs, rng);
    gsl_rng_free(rng);
    weights_free(w);
    return 0;
}
