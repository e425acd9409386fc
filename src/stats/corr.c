#include "damirstat/corr.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Pearson r from centred sums (two passes, as R's cor): GSL's one-pass
 * gsl_stats_correlation can round past 1 (1.0000000000000002 on a resample of a straight
 * line), and a correlation outside [-1, 1] must never be printed. NAN when x or y is
 * constant. */
static double pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (!(sxx > 0 && syy > 0))
        return NAN;
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

/* Average ranks (1-based), ties sharing the mean of their positions. */
static void ranks(const double *v, size_t n, double *r, size_t *order)
{
    gsl_sort_index(order, v, 1, n);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && v[order[j + 1]] == v[order[i]])
            j++;
        double avg = (double)(i + j) / 2.0 + 1.0;
        for (size_t k = i; k <= j; k++)
            r[order[k]] = avg;
        i = j + 1;
    }
}

struct work {
    double *rx, *ry;
    size_t *order;
};

static double spearman(const double *x, const double *y, size_t n, struct work *w)
{
    ranks(x, n, w->rx, w->order);
    ranks(y, n, w->ry, w->order);
    return pearson(w->rx, w->ry, n);
}

static int sign(double v)
{
    return (v > 0) - (v < 0);
}

/* Kendall's tau-b and, when s is not NULL, S (concordant minus discordant pairs). */
static double kendall(const double *x, const double *y, size_t n, double *s)
{
    double concordance = 0, tx = 0, ty = 0, pairs = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int a = sign(x[i] - x[j]), b = sign(y[i] - y[j]);
            concordance += a * b;
            tx += a == 0;
            ty += b == 0;
            pairs++;
        }
    if (s)
        *s = concordance;
    return concordance / sqrt((pairs - tx) * (pairs - ty));
}

static double estimate(int method, const double *x, const double *y, size_t n, struct work *w)
{
    if (method == CORR_PEARSON)
        return pearson(x, y, n);
    if (method == CORR_SPEARMAN)
        return spearman(x, y, n, w);
    return kendall(x, y, n, NULL);
}

/* Σ t(t-1)·f(t) over tie groups of v, the sums R's cor.test uses for Kendall's variance. */
static void tie_sums(const double *v, size_t n, size_t *order, double sums[3])
{
    gsl_sort_index(order, v, 1, n);
    sums[0] = sums[1] = sums[2] = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && v[order[j + 1]] == v[order[i]])
            j++;
        double t = (double)(j - i + 1);
        sums[0] += t * (t - 1);
        sums[1] += t * (t - 1) * (2 * t + 5);
        sums[2] += t * (t - 1) * (t - 2);
        i = j + 1;
    }
}

static void t_test(double r, size_t n, corr_estimate *e)
{
    double df = (double)n - 2;
    e->estimate = r;
    e->df = df;
    e->statistic = r * sqrt(df / (1 - r * r));
    e->p_value = fabs(r) >= 1 ? 0 : 2 * gsl_cdf_tdist_Q(fabs(e->statistic), df);
}

/* P(T <= q) for T the number of concordant pairs among n untied pairs under independence:
 * T is distributed as the inversions of a random permutation, whose counts (Mahonian
 * numbers) follow c(m, k) = sum over j = 0..min(k, m-1) of c(m-1, k-j). Kept as
 * probabilities (divided by m at each step) so that no count overflows: R's counts do past
 * n = 170 and its exact = TRUE then gives NaN. O(n^3) time: exact = yes on thousands of rows
 * is slow, which is why auto stops at n < 50 as R does. */
static double kendall_cdf(double q, size_t n)
{
    size_t kmax = n * (n - 1) / 2;
    if (q < 0)
        return 0;
    if (q >= (double)kmax)
        return 1;
    double *c = xcalloc(kmax + 1, sizeof *c), *next = xcalloc(kmax + 1, sizeof *next);
    c[0] = 1;
    for (size_t m = 2; m <= n; m++) {
        size_t top = m * (m - 1) / 2;
        double window = 0; /* running sum of c[k-m+1 .. k] */
        for (size_t k = 0; k <= top; k++) {
            window += c[k];
            if (k >= m)
                window -= c[k - m];
            next[k] = window / (double)m;
        }
        double *t = c;
        c = next;
        next = t;
    }
    double below = 0, total = 0;
    for (size_t k = 0; k <= kmax; k++) {
        total += c[k];
        if ((double)k <= q)
            below += c[k];
    }
    free(c);
    free(next);
    return below / total;
}

/* P(S >= s) (upper) or P(S < s) (lower) for S = sum of squared rank differences of n untied
 * pairs, by enumerating the n! permutations (n <= 9, as R). */
static double spearman_exact(double s, size_t n, int lower)
{
    int perm[9], c[9] = {0};
    for (size_t i = 0; i < n; i++)
        perm[i] = (int)i;
    double count = 0, total = 0;
    for (size_t i = 0;;) { /* Heap's algorithm: each step swaps two entries */
        int sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += (perm[k] - (int)k) * (perm[k] - (int)k);
        count += lower ? sum < s : sum >= s;
        total++;
        while (i < n && c[i] >= (int)i) {
            c[i] = 0;
            i++;
        }
        if (i >= n)
            break;
        size_t j = i % 2 ? (size_t)c[i] : 0;
        int t = perm[j];
        perm[j] = perm[i];
        perm[i] = t;
        c[i]++;
        i = 0;
    }
    return count / total;
}

/* AS 89 (Best and Roberts 1975, Appl. Statist. 24:377): P(S >= s), or P(S < s) when lower,
 * by an Edgeworth series in x = rho * sqrt(n - 1) with a continuity correction; exact for
 * n <= 9. The published coefficients; R's cor.test uses the same series. */
static double spearman_as89(double s, size_t n, int lower)
{
    double dn = (double)n, max = dn * (dn * dn - 1) / 3;
    if (s <= 0)
        return lower ? 0 : 1;
    if (s > max)
        return lower ? 1 : 0;
    if (n <= 9)
        return spearman_exact(s, n, lower);
    static const double c[12] = {.2274, .2531, .1745, .0758, .1033, .3932,
                                 .0879, .0151, .0072, .0831, .0131, 4.6e-4};
    double b = 1 / dn;
    double x = (6 * (s - 1) * b / (dn * dn - 1) - 1) * sqrt(dn - 1), y = x * x;
    double inner = c[8] - c[9] * b + y * b * (c[10] - c[11] * y);
    double u = x * b *
               (c[0] + b * (c[1] + c[2] * b) +
                y * (-c[3] + b * (c[4] + c[5] * b) - y * b * (c[6] + c[7] * b - y * inner)));
    double corr = u / exp(y / 2);
    double p = lower ? gsl_cdf_ugaussian_P(x) - corr : gsl_cdf_ugaussian_Q(x) + corr;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

static int has_ties(const double *v, size_t n, size_t *order)
{
    gsl_sort_index(order, v, 1, n);
    for (size_t i = 0; i + 1 < n; i++)
        if (v[order[i]] == v[order[i + 1]])
            return 1;
    return 0;
}

/* Spearman's test as cor.test: exact (AS 89) for untied data with n < 1290 unless exact = no;
 * else the t approximation. S and p as R prints them. */
static void spearman_test(const double *x, const double *y, size_t n, const corr_options *opt,
                          struct work *w, corr_estimate *e)
{
    double r = spearman(x, y, n, w);
    t_test(r, n, e);
    e->p_method = "t";
    double dn = (double)n, s = (dn * dn * dn - dn) * (1 - r) / 6;
    e->statistic_name = "S"; /* R reports S whichever way p is found */
    e->statistic = s;
    e->df = NAN;
    e->ties = has_ties(x, n, w->order) || has_ties(y, n, w->order);
    int exact = opt->exact == CORR_EXACT_NO ? 0 : opt->exact == CORR_EXACT_YES ? 1 : n < 1290;
    if (!exact || e->ties || n > 1290)
        return;
    double half = (dn * dn * dn - dn) / 6, q = round(s);
    double p = s > half ? spearman_as89(q, n, 0) : spearman_as89(q + 2, n, 1);
    e->p_value = 2 * p < 1 ? 2 * p : 1;
    e->p_method = n <= 9 ? "exact" : "AS 89";
}

enum { KENDALL_EXACT_MAX = 1000 };

static void kendall_test(const double *x, const double *y, size_t n, const corr_options *opt,
                         struct work *w, corr_estimate *e)
{
    double s, tx[3], ty[3], dn = (double)n;
    e->estimate = kendall(x, y, n, &s);
    tie_sums(x, n, w->order, tx);
    tie_sums(y, n, w->order, ty);
    e->ties = tx[0] > 0 || ty[0] > 0;
    /* The exact distribution costs O(n^3) time and O(n^2) memory: past KENDALL_EXACT_MAX
     * (about a second) exact = yes falls back to the normal approximation, which is then
     * accurate to a few 1e-4 anyway. */
    int exact = opt->exact == CORR_EXACT_NO    ? 0
                : opt->exact == CORR_EXACT_YES ? n <= KENDALL_EXACT_MAX
                                               : n < 50;
    if (exact && !e->ties) {
        double pairs = dn * (dn - 1) / 2, q = round((e->estimate + 1) * pairs / 2);
        /* P(T >= q) = P(T <= pairs - q) by symmetry: R's 1 - P(T <= q - 1) without its
         * cancellation in the far tail */
        double p = q > pairs / 2 ? kendall_cdf(pairs - q, n) : kendall_cdf(q, n);
        e->statistic_name = "T";
        e->statistic = q;
        e->df = NAN;
        e->p_value = 2 * p < 1 ? 2 * p : 1;
        e->p_method = "exact";
        return;
    }
    e->statistic_name = "z";
    e->p_method = "normal";
    double var_s = (dn * (dn - 1) * (2 * dn + 5) - tx[1] - ty[1]) / 18 +
                   tx[0] * ty[0] / (2 * dn * (dn - 1)) +
                   tx[2] * ty[2] / (9 * dn * (dn - 1) * (dn - 2));
    e->statistic = s / sqrt(var_s);
    e->df = NAN;
    e->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(e->statistic));
}


/* Percentile and BCa intervals from sorted replicates and the jackknife values. */
static void boot_intervals(double theta, double *reps, size_t b, const double *jack, size_t n,
                           double level, corr_estimate *e)
{
    gsl_sort(reps, 1, b);
    double alpha = (1 - level) / 2;
    e->boot_pct_low = gsl_stats_quantile_from_sorted_data(reps, 1, b, alpha);
    e->boot_pct_high = gsl_stats_quantile_from_sorted_data(reps, 1, b, 1 - alpha);
    size_t below = 0;
    for (size_t i = 0; i < b; i++)
        below += reps[i] < theta;
    double share = (double)below / (double)b;
    double mean = 0, num = 0, den = 0;
    for (size_t i = 0; i < n; i++)
        mean += jack[i] / (double)n;
    for (size_t i = 0; i < n; i++) {
        double d = mean - jack[i];
        num += d * d * d;
        den += d * d;
    }
    double a = den > 0 ? num / (6 * pow(den, 1.5)) : 0;
    if (share <= 0 || share >= 1) { /* the estimate lies outside every replicate: no BCa */
        e->boot_bca_low = e->boot_bca_high = NAN;
        return;
    }
    double z0 = gsl_cdf_ugaussian_Pinv(share), zl = gsl_cdf_ugaussian_Pinv(alpha);
    double zh = -zl;
    double pl = gsl_cdf_ugaussian_P(z0 + (z0 + zl) / (1 - a * (z0 + zl)));
    double ph = gsl_cdf_ugaussian_P(z0 + (z0 + zh) / (1 - a * (z0 + zh)));
    e->boot_bca_low = gsl_stats_quantile_from_sorted_data(reps, 1, b, pl);
    e->boot_bca_high = gsl_stats_quantile_from_sorted_data(reps, 1, b, ph);
}

static void bootstrap(int method, const double *x, const double *y, size_t n,
                      const corr_options *opt, struct work *w, corr_estimate *e)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, opt->seed);
    double *bx = xmalloc(n * sizeof *bx), *by = xmalloc(n * sizeof *by);
    double *reps = xmalloc(opt->bootstrap * sizeof *reps), *jack = xmalloc(n * sizeof *jack);
    size_t b = 0;
    for (unsigned long k = 0; k < opt->bootstrap; k++) {
        for (size_t i = 0; i < n; i++) {
            size_t pick = gsl_rng_uniform_int(rng, n);
            bx[i] = x[pick];
            by[i] = y[pick];
        }
        double r = estimate(method, bx, by, n, w);
        if (isfinite(r)) /* a resample with a constant variable has no correlation */
            reps[b++] = r;
    }
    for (size_t drop = 0; drop < n; drop++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (i != drop) {
                bx[m] = x[i];
                by[m++] = y[i];
            }
        jack[drop] = estimate(method, bx, by, n - 1, w);
    }
    if (b > 1)
        boot_intervals(e->estimate, reps, b, jack, n, opt->level, e);
    free(bx);
    free(by);
    free(reps);
    free(jack);
    gsl_rng_free(rng);
}

static void permutation(int method, const double *x, const double *y, size_t n,
                        const corr_options *opt, struct work *w, corr_estimate *e)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, opt->seed);
    double *py = xmalloc(n * sizeof *py);
    memcpy(py, y, n * sizeof *py);
    unsigned long k = 0;
    /* A relative tolerance keeps permutations that tie the observed value counted as ties. */
    double observed = fabs(e->estimate) * (1 - 1e-12);
    for (unsigned long i = 0; i < opt->permutations; i++) {
        gsl_ran_shuffle(rng, py, n, sizeof *py);
        k += fabs(estimate(method, x, py, n, w)) >= observed;
    }
    e->p_permutation = (double)(k + 1) / (double)(opt->permutations + 1);
    free(py);
    gsl_rng_free(rng);
}

static void one_method(int method, const double *x, const double *y, size_t n,
                       const corr_options *opt, struct work *w, corr_estimate *e)
{
    e->method = method;
    e->ci_low = e->ci_high = NAN;
    e->boot_pct_low = e->boot_pct_high = e->boot_bca_low = e->boot_bca_high = NAN;
    e->p_permutation = e->p_adjusted = NAN;
    if (method == CORR_KENDALL) {
        kendall_test(x, y, n, opt, w, e);
    } else if (method == CORR_SPEARMAN) {
        spearman_test(x, y, n, opt, w, e);
    } else {
        t_test(estimate(method, x, y, n, w), n, e);
        e->statistic_name = "t";
        e->p_method = "t";
    }
    if (method == CORR_PEARSON && n > 3) {
        double z = atanh(e->estimate), se = 1 / sqrt((double)n - 3);
        double q = gsl_cdf_ugaussian_Pinv(1 - (1 - opt->level) / 2);
        e->ci_low = tanh(z - q * se);
        e->ci_high = tanh(z + q * se);
    }
    if (opt->bootstrap)
        bootstrap(method, x, y, n, opt, w, e);
    if (opt->permutations)
        permutation(method, x, y, n, opt, w, e);
}

int corr_compute(const double *x, const double *y, size_t n, const corr_options *opt,
                 corr_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    double *cx = xmalloc((n ? n : 1) * sizeof *cx), *cy = xmalloc((n ? n : 1) * sizeof *cy);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]) || isnan(y[i]))
            continue;
        cx[m] = x[i];
        cy[m++] = y[i];
    }
    out->n = m;
    out->n_dropped = n - m;
    int rc = DS_OK;
    if (m < 3)
        rc = ds_err_set(err, DS_EDATA, "corr: %zu complete pair%s; at least 3 needed", m,
                        m == 1 ? "" : "s");
    else if (gsl_stats_variance(cx, 1, m) == 0 || gsl_stats_variance(cy, 1, m) == 0)
        rc = ds_err_set(err, DS_EDATA, "corr: %s is constant: no correlation is defined",
                        gsl_stats_variance(cx, 1, m) == 0 ? "x" : "y");
    if (rc == DS_OK) {
        struct work w = {xmalloc(m * sizeof(double)), xmalloc(m * sizeof(double)),
                         xmalloc(m * sizeof(size_t))};
        if (opt->methods & CORR_PEARSON)
            one_method(CORR_PEARSON, cx, cy, m, opt, &w, &out->pearson);
        if (opt->methods & CORR_SPEARMAN)
            one_method(CORR_SPEARMAN, cx, cy, m, opt, &w, &out->spearman);
        if (opt->methods & CORR_KENDALL)
            one_method(CORR_KENDALL, cx, cy, m, opt, &w, &out->kendall);
        free(w.rx);
        free(w.ry);
        free(w.order);
    }
    free(cx);
    free(cy);
    return rc;
}

/* The estimate of method bit k of r. */
static corr_estimate *estimate_of(corr_result *r, int k)
{
    return k == 0 ? &r->pearson : k == 1 ? &r->spearman : &r->kendall;
}

void corr_adjust(corr_result *const *results, size_t n, adjust_method m)
{
    double *p = xmalloc((n + 1) * sizeof *p);
    for (int k = 0; k < 3; k++) {
        size_t used = 0;
        for (size_t i = 0; i < n; i++) {
            corr_estimate *e = estimate_of(results[i], k);
            p[i] = e->method ? e->p_value : NAN;
            used += e->method != 0;
        }
        adjust_p(m, p, n, p);
        for (size_t i = 0; i < n; i++) {
            corr_estimate *e = estimate_of(results[i], k);
            if (!e->method)
                continue;
            e->p_adjusted = p[i];
            results[i]->adjust = m;
            results[i]->adjust_tests = used > results[i]->adjust_tests ? used
                                                                      : results[i]->adjust_tests;
        }
    }
    free(p);
}

/* One method's estimate as a member of the corr object (docs/json.md, "corr"). */
static void json_estimate(json_w *w, const char *name, const corr_estimate *e, int adjusted)
{
    json_key(w, name);
    json_object(w, JSON_COMPACT);
    json_member_num(w, "estimate", e->estimate);
    json_member_str(w, "statistic_name", e->statistic_name);
    json_member_num(w, "statistic", e->statistic);
    json_member_num(w, "df", e->df);
    json_member_num(w, "p_value", e->p_value);
    json_member_str(w, "p_method", e->p_method);
    json_member_bool(w, "ties", e->ties);
    json_member_num(w, "ci_low", e->ci_low);
    json_member_num(w, "ci_high", e->ci_high);
    json_member_num(w, "boot_percentile_low", e->boot_pct_low);
    json_member_num(w, "boot_percentile_high", e->boot_pct_high);
    json_member_num(w, "boot_bca_low", e->boot_bca_low);
    json_member_num(w, "boot_bca_high", e->boot_bca_high);
    json_member_num(w, "p_permutation", e->p_permutation);
    if (adjusted)
        json_member_num(w, "p_adjusted", e->p_adjusted);
    json_end(w);
}

void corr_json(json_w *w, const corr_result *r, const corr_options *opt)
{
    json_object(w, JSON_COMPACT);
    json_member_str(w, "schema", CORR_SCHEMA);
    json_member_uint(w, "n", r->n);
    json_member_uint(w, "n_dropped", r->n_dropped);
    json_member_num(w, "level", opt->level);
    json_member_uint(w, "bootstrap", opt->bootstrap);
    json_member_uint(w, "permutations", opt->permutations);
    json_member_uint(w, "seed", opt->seed);
    int adj = r->adjust != ADJUST_NONE;
    if (r->pearson.method)
        json_estimate(w, "pearson", &r->pearson, adj);
    if (r->spearman.method)
        json_estimate(w, "spearman", &r->spearman, adj);
    if (r->kendall.method)
        json_estimate(w, "kendall", &r->kendall, adj);
    if (adj) {
        json_member_str(w, "adjust", adjust_name(r->adjust));
        json_member_uint(w, "adjust_tests", r->adjust_tests);
    }
    json_end(w);
}
