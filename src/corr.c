/* corr: correlation estimates, R's cor.test inference, bootstrap and permutation. */
#include "damirstat/corr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

const char *corr_method_name(corr_method m)
{
    static const char *const names[] = {"pearson", "spearman", "kendall"};
    return (unsigned)m < 3 ? names[m] : "?";
}

/* Pearson r with centred sums (two passes), so large offsets such as years or
 * populations do not cancel digits. */
static double pearson(const double *x, const double *y, size_t n)
{
    if (n < 2)
        return NAN;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (sxx == 0 || syy == 0)
        return NAN;
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

struct ranked {
    double v;
    size_t i;
};

static int cmp_ranked(const void *a, const void *b)
{
    double x = ((const struct ranked *)a)->v, y = ((const struct ranked *)b)->v;
    return (x > y) - (x < y);
}

void corr_rank(const double *v, size_t n, double *rank)
{
    struct ranked *s = xmalloc((n ? n : 1) * sizeof *s);
    for (size_t i = 0; i < n; i++)
        s[i] = (struct ranked){v[i], i};
    qsort(s, n, sizeof *s, cmp_ranked);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && s[j + 1].v == s[i].v)
            j++;
        /* Ranks i+1 … j+1 (1-based) share their mean. */
        double mean = ((double)i + (double)j) / 2 + 1;
        for (size_t k = i; k <= j; k++)
            rank[s[k].i] = mean;
        i = j + 1;
    }
    free(s);
}

static double spearman(const double *x, const double *y, size_t n)
{
    double *rx = xmalloc((n ? n : 1) * 2 * sizeof *rx), *ry = rx + n;
    corr_rank(x, n, rx);
    corr_rank(y, n, ry);
    double r = pearson(rx, ry, n);
    free(rx);
    return r;
}

/* S = concordant - discordant pairs, and the pairs tied in x and in y. */
static void kendall_counts(const double *x, const double *y, size_t n, double *s, double *tx,
                           double *ty)
{
    long long sum = 0, tiex = 0, tiey = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int sx = (x[i] > x[j]) - (x[i] < x[j]), sy = (y[i] > y[j]) - (y[i] < y[j]);
            sum += sx * sy;
            tiex += sx == 0;
            tiey += sy == 0;
        }
    *s = (double)sum;
    *tx = (double)tiex;
    *ty = (double)tiey;
}

static double kendall(const double *x, const double *y, size_t n)
{
    if (n < 2)
        return NAN;
    double s, tx, ty, t0 = (double)n * (double)(n - 1) / 2;
    kendall_counts(x, y, n, &s, &tx, &ty);
    if (tx == t0 || ty == t0)
        return NAN;
    return s / sqrt((t0 - tx) * (t0 - ty));
}

double corr_estimate(const double *x, const double *y, size_t n, corr_method m)
{
    switch (m) {
    case CORR_PEARSON: return pearson(x, y, n);
    case CORR_SPEARMAN: return spearman(x, y, n);
    case CORR_KENDALL: return kendall(x, y, n);
    }
    return NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sums over the tie groups of v (sizes t): t(t-1), t(t-1)(t-2), t(t-1)(2t+5). */
static void tie_sums(const double *v, size_t n, double sums[3])
{
    double *s = xmalloc((n ? n : 1) * sizeof *s);
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    sums[0] = sums[1] = sums[2] = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && s[j] == s[i])
            j++;
        double t = (double)(j - i);
        sums[0] += t * (t - 1);
        sums[1] += t * (t - 1) * (t - 2);
        sums[2] += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    free(s);
}

/* Kendall's z with the tie-corrected variance of S (Kendall 1970; R's cor.test). */
static void kendall_test(const double *x, const double *y, size_t n, corr_result *r)
{
    double s, tx, ty, t0 = (double)n * (double)(n - 1) / 2, ux[3], uy[3];
    kendall_counts(x, y, n, &s, &tx, &ty);
    tie_sums(x, n, ux);
    tie_sums(y, n, uy);
    double dn = (double)n;
    double v0 = dn * (dn - 1) * (2 * dn + 5);
    double var = (v0 - ux[2] - uy[2]) / 18 + ux[0] * uy[0] / (2 * dn * (dn - 1)) +
                 ux[1] * uy[1] / (9 * dn * (dn - 1) * (dn - 2));
    r->estimate = s / sqrt((t0 - tx) * (t0 - ty));
    r->statistic = s / sqrt(var);
    r->df = NAN;
    r->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(r->statistic));
}

/* t test of a correlation on n-2 df; for Pearson also the Fisher z interval. */
static void t_test(corr_result *r, double level)
{
    double n = (double)r->n, est = r->estimate;
    r->df = n - 2;
    r->statistic = fabs(est) >= 1 ? copysign(INFINITY, est) : est * sqrt(r->df / (1 - est * est));
    r->p_value = isinf(r->statistic) ? 0 : 2 * gsl_cdf_tdist_Q(fabs(r->statistic), r->df);
    if (r->method != CORR_PEARSON || r->n < 4)
        return;
    double z = atanh(est), half = gsl_cdf_ugaussian_Pinv((1 + level) / 2) / sqrt(n - 3);
    r->ci_low = tanh(z - half);
    r->ci_high = tanh(z + half);
}

/* R's default (type 7) quantile of sorted[0 … n-1] at probability p. */
static double quantile7(const double *sorted, size_t n, double p)
{
    if (n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void corr_boot_intervals(double *boot, size_t b, double estimate, const double *jack, size_t n,
                         double level, double *pct_low, double *pct_high, double *bca_low,
                         double *bca_high)
{
    double alpha = 1 - level;
    qsort(boot, b, sizeof *boot, cmp_double);
    *pct_low = quantile7(boot, b, alpha / 2);
    *pct_high = quantile7(boot, b, 1 - alpha / 2);
    *bca_low = *bca_high = NAN;
    size_t below = 0;
    for (size_t i = 0; i < b; i++)
        below += boot[i] < estimate;
    if (b == 0 || below == 0 || below == b || n < 2)
        return;
    double z0 = gsl_cdf_ugaussian_Pinv((double)below / (double)b), mean = 0, s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++)
        mean += jack[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double d = mean - jack[i];
        s2 += d * d;
        s3 += d * d * d;
    }
    if (s2 == 0)
        return;
    double a = s3 / (6 * pow(s2, 1.5)), ends[2] = {alpha / 2, 1 - alpha / 2}, q[2];
    for (int k = 0; k < 2; k++) {
        double z = z0 + gsl_cdf_ugaussian_Pinv(ends[k]);
        q[k] = quantile7(boot, b, gsl_cdf_ugaussian_P(z0 + z / (1 - a * z)));
    }
    *bca_low = q[0];
    *bca_high = q[1];
}

/* Bootstrap replicates and leave-one-out estimates, then both intervals. */
static void bootstrap(const double *x, const double *y, size_t n, const corr_options *opt,
                      gsl_rng *rng, corr_result *r)
{
    double *xs = xmalloc(2 * n * sizeof *xs), *ys = xs + n;
    double *boot = xmalloc(opt->bootstrap * sizeof *boot), *jack = xmalloc(n * sizeof *jack);
    size_t kept = 0;
    for (size_t b = 0; b < opt->bootstrap; b++) {
        for (size_t i = 0; i < n; i++) {
            size_t k = gsl_rng_uniform_int(rng, n);
            xs[i] = x[k];
            ys[i] = y[k];
        }
        double est = corr_estimate(xs, ys, n, r->method);
        if (!isnan(est))
            boot[kept++] = est;
    }
    for (size_t leave = 0; leave < n; leave++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (i != leave) {
                xs[m] = x[i];
                ys[m++] = y[i];
            }
        jack[leave] = corr_estimate(xs, ys, m, r->method);
    }
    r->boot_replicates = kept;
    r->boot_dropped = opt->bootstrap - kept;
    corr_boot_intervals(boot, kept, r->estimate, jack, n, opt->level, &r->boot_pct_low,
                        &r->boot_pct_high, &r->boot_bca_low, &r->boot_bca_high);
    free(xs);
    free(boot);
    free(jack);
}

/* Two-sided permutation p; a small relative tolerance keeps permutations that tie the
 * observed estimate (equal up to rounding) counted as "at least as extreme". */
static void permute(const double *x, const double *y, size_t n, size_t count, gsl_rng *rng,
                    corr_result *r)
{
    double *yp = xmalloc(n * sizeof *yp), bound = fabs(r->estimate) * (1 - 1e-12);
    memcpy(yp, y, n * sizeof *yp);
    size_t extreme = 0;
    for (size_t k = 0; k < count; k++) {
        gsl_ran_shuffle(rng, yp, n, sizeof *yp);
        double est = corr_estimate(x, yp, n, r->method);
        extreme += !isnan(est) && fabs(est) >= bound;
    }
    r->permutations = count;
    r->perm_p_value = (double)(extreme + 1) / (double)(count + 1);
    free(yp);
}

static int check_input(const double *x, const double *y, size_t n, const corr_options *opt,
                       ds_err *err)
{
    if (!(opt->level > 0 && opt->level < 1))
        return ds_err_set(err, DS_EUSAGE, "corr: --level must lie between 0 and 1, got %g", opt->level);
    if (n < 3)
        return ds_err_set(err, DS_EDATA, "corr: need at least 3 complete pairs, got %zu", n);
    int xconst = 1, yconst = 1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return ds_err_set(err, DS_EDATA, "corr: pair %zu is not finite", i + 1);
        xconst &= x[i] == x[0];
        yconst &= y[i] == y[0];
    }
    if (xconst || yconst)
        return ds_err_set(err, DS_EDATA, "corr: %s is constant (zero variance): no correlation",
                          xconst ? "x" : "y");
    return DS_OK;
}

int corr_compute(const double *x, const double *y, size_t n, corr_method m,
                 const corr_options *opt, corr_result *out, ds_err *err)
{
    int rc = check_input(x, y, n, opt, err);
    if (rc)
        return rc;
    *out = (corr_result){.method = m, .n = n, .ci_low = NAN, .ci_high = NAN,
                         .boot_pct_low = NAN, .boot_pct_high = NAN, .boot_bca_low = NAN,
                         .boot_bca_high = NAN, .perm_p_value = NAN};
    if (m == CORR_KENDALL) {
        kendall_test(x, y, n, out);
    } else {
        out->estimate = corr_estimate(x, y, n, m);
        t_test(out, opt->level);
    }
    if (!opt->bootstrap && !opt->permutations)
        return DS_OK;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return ds_err_set(err, DS_EIO, "corr: out of memory for the random number generator");
    gsl_rng_set(rng, opt->seed);
    if (opt->bootstrap)
        bootstrap(x, y, n, opt, rng, out);
    if (opt->permutations)
        permute(x, y, n, opt->permutations, rng, out);
    gsl_rng_free(rng);
    return DS_OK;
}
