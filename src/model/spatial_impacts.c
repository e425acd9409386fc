/* spatial_impacts: direct, indirect and total impacts of a lag or durbin fit, as
 * spatialreg's impacts() with eigenvalues (lagImpacts_e, mixedImpacts_e): for regressor r,
 * direct = β_r tr(A)/n + θ_r tr(AW)/n with A = (I − ρW)⁻¹, total = (β_r + θ_r)/(1 − ρ).
 * tr(A)/n = mean of 1/(1 − ρω) and tr(AW)/n = mean of ω/(1 − ρω) over W's eigenvalues; with
 * the sparse method tr(AW) = −d log|I − ρW|/dρ and tr(A) = n + ρ tr(AW). Simulated standard
 * errors: draws of (σ², ρ, β) from N(estimate, asymptotic covariance), as MASS::mvrnorm
 * makes them (Σ = V diag(e) V', draw = μ + V diag(√e) z). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "spatial_impl.h"

/* tr(A)/n and tr(AW)/n at ρ. */
static void trace_factors(sp_ml *ml, double rho, double *g1, double *g2)
{
    double n = (double)ml->n;
    if (ml->ld.sparse) {
        double d1, d2;
        sp_logdet_derivs(&ml->ld, rho, &d1, &d2);
        *g2 = -d1 / n;
        *g1 = (n - rho * d1) / n;
        return;
    }
    double s1 = 0, s2 = 0;
    for (size_t i = 0; i < ml->n; i++) {
        double a = ml->ld.eig_re[i], b = ml->ld.eig_im ? ml->ld.eig_im[i] : 0;
        double cr = 1 - rho * a, ci = -rho * b, den = cr * cr + ci * ci;
        s1 += cr / den;                     /* Re 1/(1 − ρω) */
        s2 += (a * cr + b * ci) / den;      /* Re ω/(1 − ρω) */
    }
    *g1 = s1 / n;
    *g2 = s2 / n;
}

/* Impacts at (ρ, β) for the regressors: out[3r .. 3r+2] = direct, indirect, total. */
static void impacts_at(sp_ml *ml, double rho, const double *beta, size_t nreg, double *out)
{
    size_t first = (size_t)ml->intercept;
    double g1, g2;
    trace_factors(ml, rho, &g1, &g2);
    for (size_t r = 0; r < nreg; r++) {
        size_t j = first + r;
        double b = beta[j];
        double theta = ml->model == SPATIAL_DURBIN ? beta[ml->k_base + j - first] : 0;
        double direct = b * g1 + theta * g2, total = (b + theta) / (1 - rho);
        out[3 * r] = direct;
        out[3 * r + 1] = total - direct;
        out[3 * r + 2] = total;
    }
}

/* V diag(√e) of the symmetric q × q sigma (e clipped at 0); -1 if an eigenvalue is below
 * −1e-6 of the largest (MASS::mvrnorm: "'Sigma' is not positive definite"). */
static int normal_root(const double *sigma, size_t q, double *root)
{
    gsl_matrix *a = gsl_matrix_alloc(q, q), *v = gsl_matrix_alloc(q, q);
    gsl_vector *e = gsl_vector_alloc(q);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(q);
    for (size_t i = 0; i < q * q; i++)
        a->data[(i / q) * a->tda + i % q] = sigma[i];
    int rc = gsl_eigen_symmv(a, e, v, ws) ? -1 : 0;
    double emax = rc ? 0 : gsl_vector_max(e);
    for (size_t j = 0; !rc && j < q; j++) {
        double ej = gsl_vector_get(e, j);
        if (ej < -1e-6 * fabs(emax))
            rc = -1;
        for (size_t i = 0; i < q; i++)
            root[i * q + j] = gsl_matrix_get(v, i, j) * sqrt(fmax(ej, 0));
    }
    gsl_eigen_symmv_free(ws);
    gsl_vector_free(e);
    gsl_matrix_free(v);
    gsl_matrix_free(a);
    return rc;
}

/* The quantiles and the two-sided sign share of the kept draws of one total impact (sorted
 * here). */
static void total_quantiles(double *t, size_t kept, spatial_impact *m)
{
    if (kept < 2)
        return;
    gsl_sort(t, 1, kept);
    m->total_q025 = gsl_stats_quantile_from_sorted_data(t, 1, kept, 0.025);
    m->total_q975 = gsl_stats_quantile_from_sorted_data(t, 1, kept, 0.975);
    size_t le = 0, ge = 0;
    for (size_t d = 0; d < kept; d++) {
        le += t[d] <= 0;
        ge += t[d] >= 0;
    }
    m->total_p_draws = fmin(1, 2 * (double)(le < ge ? le : ge) / (double)kept);
}

/* Standard deviations of the impacts over the draws into f->impacts[]. */
static int impact_draws(sp_ml *ml, spatial_fit *f, const spatial_options *opt, ds_err *err)
{
    size_t q = ml->k + 2, nreg = f->n_impacts, kept = 0;
    double *root = xmalloc(q * q * sizeof *root), *mu = xmalloc(q * sizeof *mu);
    double *draw = xmalloc(q * sizeof *draw), *z = xmalloc(q * sizeof *z);
    double *val = xmalloc(3 * nreg * sizeof *val), *mean = xcalloc(3 * nreg, sizeof *mean);
    double *m2 = xcalloc(3 * nreg, sizeof *m2);
    double *totals = xmalloc((opt->impacts_draws * nreg + 1) * sizeof *totals);
    int rc = normal_root(f->vcov, q, root);
    if (rc)
        rc = ds_err_set(err, DS_EDATA, "impacts: the covariance of the estimates is not "
                        "positive definite: no draws");
    mu[0] = f->sigma2;
    mu[1] = f->coef;
    for (size_t j = 0; j < ml->k; j++)
        mu[j + 2] = f->terms[j].estimate;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, opt->seed);
    for (size_t d = 0; !rc && d < opt->impacts_draws; d++) {
        for (size_t j = 0; j < q; j++)
            z[j] = gsl_ran_ugaussian(rng);
        for (size_t i = 0; i < q; i++)
            draw[i] = mu[i] + sp_dot(root + i * q, z, q);
        if (!(draw[1] > f->lower && draw[1] < f->upper)) /* spatialreg drops these */
            continue;
        impacts_at(ml, draw[1], draw + 2, nreg, val);
        for (size_t r = 0; r < nreg; r++)
            totals[r * opt->impacts_draws + kept] = val[3 * r + 2];
        kept++;
        for (size_t t = 0; t < 3 * nreg; t++) { /* Welford */
            double delta = val[t] - mean[t];
            mean[t] += delta / (double)kept;
            m2[t] += delta * (val[t] - mean[t]);
        }
    }
    for (size_t r = 0; !rc && r < nreg; r++) {
        double sd[3];
        for (int t = 0; t < 3; t++)
            sd[t] = kept > 1 ? sqrt(m2[3 * r + t] / (double)(kept - 1)) : NAN;
        f->impacts[r].direct_se = sd[0];
        f->impacts[r].indirect_se = sd[1];
        f->impacts[r].total_se = sd[2];
        total_quantiles(totals + r * opt->impacts_draws, kept, &f->impacts[r]);
    }
    f->impacts_draws = kept;
    gsl_rng_free(rng);
    free(root);
    free(mu);
    free(draw);
    free(z);
    free(val);
    free(mean);
    free(m2);
    free(totals);
    return rc;
}

int sp_impacts(sp_ml *ml, spatial_fit *f, const spatial_options *opt, ds_err *err)
{
    if (ml->w->style != WEIGHTS_W)
        return opt->impacts_draws
                   ? ds_err_set(err, DS_EDATA, "impacts need row-standardised weights (--weights "
                                "W), as spatialreg's impacts(): with binary weights the "
                                "total impact is not (β + θ)/(1 − ρ)")
                   : DS_OK;
    if (opt->impacts_draws && ml->ld.sparse)
        return ds_err_set(err, DS_EDATA, "simulated impacts need the eigenvalues of W (at most "
                          "%d units, or --logdet eigen)", SPATIAL_EIGEN_MAX);
    size_t nreg = ml->k_base - (size_t)ml->intercept;
    double *beta = xmalloc((ml->k + 1) * sizeof *beta), *val = xmalloc((3 * nreg + 1) * sizeof *val);
    for (size_t j = 0; j < ml->k; j++)
        beta[j] = f->terms[j].estimate;
    impacts_at(ml, f->coef, beta, nreg, val);
    f->n_impacts = nreg;
    f->impacts = xcalloc(nreg + 1, sizeof *f->impacts);
    for (size_t r = 0; r < nreg; r++) {
        spatial_impact *m = &f->impacts[r];
        m->name = xstrdup(ml->names[r + (size_t)ml->intercept]);
        m->direct = val[3 * r];
        m->indirect = val[3 * r + 1];
        m->total = val[3 * r + 2];
        m->direct_se = m->indirect_se = m->total_se = NAN;
        m->total_q025 = m->total_q975 = m->total_p_draws = NAN;
    }
    free(beta);
    free(val);
    return opt->impacts_draws && nreg ? impact_draws(ml, f, opt, err) : DS_OK;
}
