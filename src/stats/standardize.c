/* standardize: the core of indirect standardisation (national rates, expected, ratio,
 * exact Poisson interval) and the result as a table and as JSON. Reading the two long
 * tables into dense unit × stratum matrices is standardize_tables.c.
 *
 * The Poisson interval's gamma quantiles are found by Newton's method on GSL's regularised
 * incomplete gamma function: gsl_cdf_gamma_Pinv returns NaN above a shape of about a
 * million (its own iteration stops short), and counts of GP acts by region run to tens of
 * millions. */
#include "damirstat/standardize.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Q(p; a), the p-quantile of a gamma(a, 1) variable: Newton on P(a, q) − p from the
 * Wilson–Hilferty start, which is within a few per cent for a ≥ 1; for a < 1 a start
 * below the quantile (where P is concave in q, so Newton's steps stay below and rise). */
static int gamma_quantile(double p, double a, double *out, ds_err *err)
{
    double z = gsl_cdf_ugaussian_Pinv(p), c = 1.0 / (9.0 * a);
    double q = a >= 1 ? a * pow(fmax(1 - c + z * sqrt(c), 0.1), 3)
                      : pow(p * gsl_sf_gamma(a + 1), 1 / a);
    double lg = gsl_sf_lngamma(a);
    for (int it = 0; it < 100; it++) {
        gsl_sf_result r;
        if (gsl_sf_gamma_inc_P_e(a, q, &r) != GSL_SUCCESS)
            break;
        double step = (r.val - p) / exp((a - 1) * log(q) - q - lg);
        double next = q - step;
        q = next > 0 ? next : q / 2;
        /* Newton converges quadratically: a step of 1e-11 leaves an error far below the
         * rounding noise of P − p (which keeps later steps near 1e-16, never zero) */
        if (fabs(step) <= 1e-11 * q) {
            *out = q;
            return DS_OK;
        }
    }
    return ds_err_set(err, DS_EDATA, "standardize: the Poisson interval for a count of %.17g "
                      "did not converge", a);
}

int standardize_poisson_ci(double x, double level, double *low, double *high, ds_err *err)
{
    double alpha = 1 - level;
    *low = 0;
    int rc = x > 0 ? gamma_quantile(alpha / 2, x, low, err) : DS_OK;
    if (rc == DS_OK)
        rc = gamma_quantile(1 - alpha / 2, x + 1, high, err);
    return rc;
}

/* R_s = Σ_u o / Σ_u p; a stratum with no population has rate 0 when nothing was observed
 * in it, and is an error otherwise. */
static int national_rates(const double *o, const double *p, size_t nunits, size_t nstrata,
                          double *rates, ds_err *err)
{
    for (size_t s = 0; s < nstrata; s++) {
        double so = 0, sp = 0;
        for (size_t u = 0; u < nunits; u++) {
            so += o[u * nstrata + s];
            sp += p[u * nstrata + s];
        }
        if (sp <= 0 && so != 0)
            return ds_err_set(err, DS_EDATA, "standardize: stratum %zu has observed values "
                              "(%.17g) but no population", s + 1, so);
        rates[s] = sp > 0 ? so / sp : 0;
    }
    return DS_OK;
}

int standardize_compute(const double *o, const double *p, size_t nunits, size_t nstrata,
                        standardize_kind kind, double level, double *rates,
                        standardize_row *rows, ds_err *err)
{
    int rc = national_rates(o, p, nunits, nstrata, rates, err);
    double total_o = 0, total_p = 0;
    for (size_t u = 0; u < nunits && rc == DS_OK; u++) {
        standardize_row *r = &rows[u];
        r->observed = r->expected = r->population = 0;
        for (size_t s = 0; s < nstrata; s++) {
            r->observed += o[u * nstrata + s];
            r->population += p[u * nstrata + s];
            r->expected += p[u * nstrata + s] * rates[s];
        }
        total_o += r->observed;
        total_p += r->population;
        r->ratio = r->expected > 0 ? r->observed / r->expected : NAN;
        r->crude_rate = r->population > 0 ? r->observed / r->population : NAN;
        r->ci_low = r->ci_high = NAN;
        if (kind == STANDARDIZE_COUNT && r->expected > 0 &&
            (rc = standardize_poisson_ci(r->observed, level, &r->ci_low, &r->ci_high,
                                         err)) == DS_OK) {
            r->ci_low /= r->expected;
            r->ci_high /= r->expected;
        }
    }
    double national = total_p > 0 ? total_o / total_p : NAN;
    for (size_t u = 0; u < nunits && rc == DS_OK; u++)
        rows[u].standardised_rate = rows[u].ratio * national;
    return rc;
}

table_t *standardize_table(const standardize_result *r, const standardize_spec *spec)
{
    static const char *const nums[] = {"observed", "expected", "ratio", "ci_low", "ci_high",
                                       "population", "crude_rate", "standardised_rate",
                                       "dropped"};
    enum { NNUM = sizeof nums / sizeof nums[0] };
    const char *names[2 + NNUM];
    size_t nk = 0;
    if (spec->within)
        names[nk++] = spec->within;
    names[nk++] = spec->unit;
    for (size_t j = 0; j < NNUM; j++)
        names[nk + j] = nums[j];
    table_t *t = table_new(nk, names);
    for (size_t i = 0; i < r->nrows; i++) {
        const char *cells[2] = {r->rows[i].within, r->rows[i].unit};
        table_append_row(t, spec->within ? cells : cells + 1);
    }
    double *col = xmalloc((r->nrows + 1) * sizeof *col);
    for (size_t j = 0; j < NNUM; j++) {
        for (size_t i = 0; i < r->nrows; i++) {
            const standardize_row *w = &r->rows[i];
            const double v[NNUM] = {w->observed, w->expected, w->ratio, w->ci_low, w->ci_high,
                                    w->population, w->crude_rate, w->standardised_rate,
                                    w->dropped};
            col[i] = v[j];
        }
        /* the names are new and the lengths agree: cannot fail */
        table_add_number_column(t, nums[j], col, r->nrows, NULL);
    }
    free(col);
    return t;
}

void standardize_skip_text(const standardize_skip *k, const standardize_spec *spec, char *buf,
                           size_t size)
{
    char where[256] = "";
    if (spec->within)
        snprintf(where, sizeof where, "%s %s%s", spec->within, k->within, k->unit[0] ? " " : "");
    snprintf(buf, size, "%s%s%s (%s)", where, k->unit[0] ? "unit " : "", k->unit, k->why);
}

static void json_rows(json_w *w, const standardize_result *r)
{
    json_key(w, "units");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < r->nrows; i++) {
        const standardize_row *x = &r->rows[i];
        json_object(w, JSON_COMPACT);
        json_member_str(w, "within", x->within[0] ? x->within : NULL);
        json_member_str(w, "unit", x->unit);
        json_member_num(w, "observed", x->observed);
        json_member_num(w, "expected", x->expected);
        json_member_num(w, "ratio", x->ratio);
        json_member_num(w, "ci_low", x->ci_low);
        json_member_num(w, "ci_high", x->ci_high);
        json_member_num(w, "population", x->population);
        json_member_num(w, "crude_rate", x->crude_rate);
        json_member_num(w, "standardised_rate", x->standardised_rate);
        json_member_num(w, "dropped", x->dropped);
        json_end(w);
    }
    json_end(w);
}

static void json_groups(json_w *w, const standardize_result *r)
{
    json_key(w, "groups");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < r->ngroups; i++) {
        const standardize_group *g = &r->groups[i];
        json_object(w, JSON_COMPACT);
        json_member_str(w, "within", g->within[0] ? g->within : NULL);
        json_member_uint(w, "units", g->nunits);
        json_member_uint(w, "strata", g->nstrata);
        json_member_num(w, "observed", g->observed);
        json_member_num(w, "population", g->population);
        json_member_num(w, "crude_rate", g->crude_rate);
        json_member_num(w, "dropped", g->dropped);
        json_end(w);
    }
    json_end(w);
    json_key(w, "skipped");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < r->nskips; i++) {
        json_object(w, JSON_COMPACT);
        json_member_str(w, "within", r->skips[i].within[0] ? r->skips[i].within : NULL);
        json_member_str(w, "unit", r->skips[i].unit[0] ? r->skips[i].unit : NULL);
        json_member_str(w, "why", r->skips[i].why);
        json_end(w);
    }
    json_end(w);
}

void standardize_json(json_w *w, const standardize_result *r, const standardize_spec *spec)
{
    json_object(w, JSON_COMPACT);
    json_member_str(w, "schema", STANDARDIZE_SCHEMA);
    json_member_str(w, "method", "indirect");
    json_member_str(w, "kind", spec->kind == STANDARDIZE_COUNT ? "count" : "amount");
    json_member_str(w, "interval", spec->kind == STANDARDIZE_COUNT ? "exact Poisson (Garwood)"
                                                                   : NULL);
    json_member_num(w, "level", spec->level);
    json_member_str(w, "unit_column", spec->unit);
    json_key(w, "strata");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < spec->nstrata; i++)
        json_str(w, spec->strata[i]);
    json_end(w);
    json_member_str(w, "within", spec->within);
    json_member_str(w, "value", spec->value);
    json_member_str(w, "population", spec->population);
    json_member_num(w, "dropped", r->dropped);
    json_member_uint(w, "dropped_rows", r->dropped_rows);
    json_groups(w, r);
    json_rows(w, r);
    json_end(w);
}

void standardize_result_free(standardize_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrows; i++) {
        free(r->rows[i].within);
        free(r->rows[i].unit);
    }
    for (size_t i = 0; i < r->ngroups; i++)
        free(r->groups[i].within);
    for (size_t i = 0; i < r->nskips; i++) {
        free(r->skips[i].within);
        free(r->skips[i].unit);
    }
    free(r->rows);
    free(r->groups);
    free(r->skips);
    memset(r, 0, sizeof *r);
}
