#include "damirstat/moran.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "damirstat/geo.h"
#include "damirstat/table.h"
#include "damirstat/weights.h"

/* "department" or "region", for messages. */
static const char *noun(const moran_options *opt)
{
    return opt->level == GEO_LEVEL_REGION ? "region" : "department";
}

int moran_key_level(const char *const *keys, size_t n, const char *colname,
                    const char *level_text, const char *ask, moran_options *opt, ds_err *err)
{
    geo_region_scheme by_name, by_codes;
    geo_level from_name = geo_level_of_name(colname, &by_name);
    geo_level from_codes = geo_level_of_codes(keys, n, &by_codes);
    opt->scheme = by_name == GEO_REGION_OPENDAMIR || by_codes == GEO_REGION_OPENDAMIR
                      ? GEO_REGION_OPENDAMIR : GEO_REGION_2016;
    if (level_text && strcmp(level_text, "region") != 0 && strcmp(level_text, "department"))
        return ds_err_set(err, DS_EUSAGE, "moran: %s: expected region or department, got '%s'",
                          ask, level_text);
    opt->level = level_text ? (level_text[0] == 'r' ? GEO_LEVEL_REGION : GEO_LEVEL_DEPT)
               : from_name != GEO_LEVEL_UNKNOWN ? from_name : from_codes;
    if (opt->level != GEO_LEVEL_UNKNOWN)
        return DS_OK;
    return ds_err_set(err, DS_EUSAGE, "moran: the codes of '%s' (%s%s%s%s) are both department "
                      "and region codes: say %s region (region contiguity) or %s department",
                      colname, n ? keys[0] : "", n > 1 ? ", " : "", n > 1 ? keys[1] : "",
                      n > 2 ? ", …" : "", ask, ask);
}

/* Region keys as the region contiguity files write them ("11"; 2016 overseas "01"), so that
 * weights matches them as ids; DS_EDATA for a key that is no region of the scheme. */
static int region_ids(const char *const *keys, size_t n, const moran_options *opt,
                      char ***ids, ds_err *err)
{
    *ids = xcalloc(n + 1, sizeof **ids);
    for (size_t i = 0; i < n; i++) {
        int region;
        ds_err local;
        ds_err_clear(&local);
        if (geo_region_canon(keys[i], strlen(keys[i]), opt->scheme, &region, &local))
            return ds_err_set(err, DS_EDATA, "moran: %s", local.msg);
        (*ids)[i] = xmalloc(GEO_CODE_MAX);
        snprintf((*ids)[i], GEO_CODE_MAX, opt->scheme == GEO_REGION_OPENDAMIR ? "%d" : "%02d",
                 region);
    }
    return DS_OK;
}

static void ids_free(char **ids, size_t n)
{
    for (size_t i = 0; ids && i < n; i++)
        free(ids[i]);
    free(ids);
}

/* The weights moran uses: opt->weights, or contiguity (the shipped file of the level, or
 * opt->neighbours), row-standardised, islands dropped. *shipped: the region file's path
 * found here, for the caller to free. */
static int moran_weights(const moran_options *opt, weights_options *wo, char **shipped,
                         ds_err *err)
{
    weights_options_default(wo);
    *shipped = NULL;
    if (opt->weights) {
        *wo = *opt->weights;
        wo->islands = WEIGHTS_ISLANDS_DROP;
    } else if (opt->neighbours) {
        wo->kind = WEIGHTS_FILE;
        wo->neighbours = opt->neighbours;
    } else if (opt->level == GEO_LEVEL_REGION) {
        *shipped = geo_data_path(opt->scheme == GEO_REGION_OPENDAMIR
                                     ? MORAN_OPENDAMIR_NEIGHBOURS_FILE
                                     : MORAN_REGION_NEIGHBOURS_FILE, err);
        if (!*shipped)
            return DS_EIO;
        wo->kind = WEIGHTS_FILE;
        wo->neighbours = *shipped;
    }
    if (opt->level == GEO_LEVEL_REGION && wo->kind != WEIGHTS_FILE)
        return ds_err_set(err, DS_EUSAGE, "moran: regions are tested over region contiguity "
                          "or a neighbours file, not over department centroids");
    return DS_OK;
}

/* W over the units of keys with a neighbour among them; the others are listed in
 * out->isolated. Errors name the module ("moran: …"), as they always have. */
static int prepare(const char *const *keys, size_t n, const moran_options *opt, weights_t **w,
                   moran_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    weights_options wo;
    char *shipped = NULL, **ids = NULL;
    int rc = moran_weights(opt, &wo, &shipped, err);
    if (!rc && opt->level == GEO_LEVEL_REGION)
        rc = region_ids(keys, n, opt, &ids, err);
    ds_err local;
    ds_err_clear(&local);
    if (!rc && (rc = weights_build(ids ? (const char *const *)ids : keys, n, &wo, w, &local)))
        rc = ds_err_set(err, rc, "%s%s", rc == DS_EIO ? "" : "moran: ", local.msg);
    ids_free(ids, n);
    free(shipped);
    if (rc)
        return rc;
    out->isolated = xcalloc((*w)->n_dropped + 1, sizeof *out->isolated);
    for (size_t i = 0; i < (*w)->n_dropped; i++)
        snprintf(out->isolated[i], sizeof out->isolated[i], "%s", (*w)->dropped[i]);
    out->n_isolated = (*w)->n_dropped;
    if ((*w)->n - (*w)->n_islands < 4)
        return ds_err_set(err, DS_EDATA, "moran: %zu %ss with neighbours; at least 4 needed",
                          (*w)->n - (*w)->n_islands, noun(opt));
    return DS_OK;
}

/* I of the centred values z (Σz² = zz): what the permutations recompute. */
static double moran_i(const weights_t *w, const double *z, double zz, double scale, double *wz)
{
    weights_lag(w, z, wz);
    double s = 0;
    for (size_t i = 0; i < w->n; i++)
        s += z[i] * wz[i];
    return scale * s / zz;
}

/* spdep::moran.mc's p: (k + 1) / (N + 1), k the permutations with I at least the observed. */
static void permutation_test(const weights_t *w, const double *x, const moran_options *opt,
                             moran_result *r)
{
    r->permutations = opt->permutations;
    r->p_permutation = NAN;
    gsl_rng *rng = opt->permutations ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
    if (!rng)
        return;
    gsl_rng_set(rng, opt->seed);
    size_t n = w->n;
    double mean = 0, zz = 0, s0 = 0, *z = xmalloc(n * sizeof *z), *wz = xmalloc(n * sizeof *wz);
    for (size_t i = 0; i < n; i++)
        mean += x[i] / (double)n;
    for (size_t i = 0; i < n; i++) {
        z[i] = x[i] - mean;
        zz += z[i] * z[i];
    }
    for (size_t e = 0; e < w->row_ptr[n]; e++)
        s0 += w->val[e];
    double scale = (double)(n - w->n_islands) / s0, observed = moran_i(w, z, zz, scale, wz);
    unsigned long at_least = 0;
    for (unsigned long k = 0; k < opt->permutations; k++) {
        gsl_ran_shuffle(rng, z, n, sizeof *z);
        at_least += moran_i(w, z, zz, scale, wz) >= observed;
    }
    r->p_permutation = (double)(at_least + 1) / (double)(opt->permutations + 1);
    free(z);
    free(wz);
    gsl_rng_free(rng);
}

int moran_compute(const char *const *keys, const double *values, size_t n,
                  const moran_options *opt, moran_result *out, ds_err *err)
{
    weights_t *w = NULL;
    double *x = NULL;
    int rc = prepare(keys, n, opt, &w, out, err);
    if (!rc) {
        x = xmalloc(w->n * sizeof *x);
        for (size_t a = 0; a < w->n; a++)
            x[a] = values[w->source[a]];
    }
    weights_moran_result rand, norm;
    ds_err local;
    ds_err_clear(&local);
    if (!rc && (weights_moran(w, x, 1, &rand, &local) || weights_moran(w, x, 0, &norm, &local)))
        rc = ds_err_set(err, DS_EDATA, "moran: the variable is constant (or not finite) over "
                        "the %ss", noun(opt));
    if (!rc) {
        out->n = w->n;
        out->i = rand.i;
        out->expected = rand.expected;
        out->var_random = rand.variance, out->z_random = rand.z, out->p_random = rand.p;
        out->var_normal = norm.variance, out->z_normal = norm.z, out->p_normal = norm.p;
        out->var_lm = out->z_lm = out->p_lm = NAN;
        permutation_test(w, x, opt, out);
    }
    if (rc)
        moran_result_free(out);
    free(x);
    weights_free(w);
    return rc;
}

int moran_compute_lm(const char *const *keys, const double *u, const double *x, size_t n,
                     size_t k, const moran_options *opt, moran_result *out, ds_err *err)
{
    weights_t *w = NULL;
    int rc = prepare(keys, n, opt, &w, out, err);
    if (!rc && w->n_dropped)
        rc = ds_err_set(err, DS_EDATA, "moran: %s %s has no neighbour among the rows of the "
                        "fit; refit the model without it", noun(opt), out->isolated[0]);
    if (!rc && !(k < n))
        rc = ds_err_set(err, DS_EDATA, "moran: %zu rows for %zu columns of the model", n, k);
    double ss = 0;
    for (size_t a = 0; !rc && a < n; a++)
        ss += u[a] * u[a];
    if (!rc && (!(ss > 0) || !isfinite(ss)))
        rc = ds_err_set(err, DS_EDATA, "moran: the residuals are all 0 (or not finite): a "
                        "perfect fit has no Moran's I");
    /* units are in key order: u and x need no reordering */
    weights_moran_result r;
    ds_err local;
    ds_err_clear(&local);
    if (!rc && weights_moran_lm(w, u, x, k, &r, &local))
        rc = ds_err_set(err, DS_EDATA, "moran: %s", local.msg);
    if (!rc) {
        out->n = n;
        out->lm = 1;
        out->rank = k;
        out->i = r.i, out->expected = r.expected;
        out->var_lm = r.variance, out->z_lm = r.z, out->p_lm = r.p;
        out->var_normal = out->z_normal = out->p_normal = NAN;
        out->var_random = out->z_random = out->p_random = NAN;
        permutation_test(w, u, opt, out);
    }
    if (rc)
        moran_result_free(out);
    weights_free(w);
    return rc;
}

/* Keys of the rows of f: the department codes as written in column col of t. */
static const char **row_keys(const table_t *t, const model_fit *f, size_t col)
{
    const char **keys = xmalloc((f->n + 1) * sizeof *keys);
    for (size_t i = 0; i < f->n; i++)
        keys[i] = table_text(t, f->rows[i], col);
    return keys;
}

/* lm.morantest of the fit g (a refit on rows all with a neighbour): weighted residuals
 * √w·e and the model matrix with rows times √w, as spdep takes them from a weighted lm. */
static int test_refit(const table_t *t, const model_fit *g, const model_options *gopt,
                      size_t col, const moran_options *opt, moran_result *out, ds_err *err)
{
    double *x = NULL;
    int rc = model_fit_design(t, g, gopt, &x, err);
    if (rc)
        return rc;
    double *u = xmalloc((g->n + 1) * sizeof *u);
    for (size_t i = 0; i < g->n; i++)
        u[i] = g->weights ? g->residuals[i] * sqrt(g->weights[i]) : g->residuals[i];
    const char **keys = row_keys(t, g, col);
    rc = moran_compute_lm(keys, u, x, g->n, g->rank, opt, out, err);
    free(keys);
    free(u);
    free(x);
    return rc;
}

int moran_fit_residuals(const table_t *t, const model_fit *f, const model_options *fopt,
                        const char *key_col, const moran_options *opt, moran_result *out,
                        ds_err *err)
{
    memset(out, 0, sizeof *out);
    size_t col;
    if (table_column(t, key_col, noun(opt), &col, err))
        return DS_EDATA;
    const char **keys = row_keys(t, f, col);
    /* An M-estimate is not a projection: lm.morantest's moments do not apply to it. */
    if (f->method != MODEL_OLS) {
        int rc = moran_compute(keys, f->residuals, f->n, opt, out, err);
        free(keys);
        return rc;
    }
    weights_t *w = NULL;
    moran_result iso;
    unsigned char *mask = xcalloc(table_nrows(t) + 1, 1);
    model_fit *g = NULL;
    model_options gopt = *fopt;
    /* the test needs the residuals and the design, not the standard errors: no clusters
     * (nor their bootstrap) in the refit */
    gopt.se = MODEL_SE_CLASSICAL;
    gopt.ncluster = 0;
    gopt.wild_bootstrap = 0;
    int rc = prepare(keys, f->n, opt, &w, &iso, err);
    if (rc)
        goto done;
    for (size_t a = 0; a < w->n; a++)
        mask[f->rows[w->source[a]]] = 1;
    gopt.rows = mask;
    /* lm.morantest needs the fit and the weights over the same rows: refit on the tested
     * ones when some were left out (R: update(fit, subset = has_neighbour)). */
    if (w->n < f->n) {
        ds_err local;
        ds_err_clear(&local);
        if ((rc = model_fit_formula(t, f->formula, &gopt, &g, &local))) {
            rc = ds_err_set(err, rc, "moran: refitting the model on the %zu %ss with a "
                            "neighbour: %s", w->n, noun(opt), local.msg);
            goto done;
        }
    }
    if ((rc = test_refit(t, g ? g : f, &gopt, (size_t)col, opt, out, err)))
        goto done;
    free(out->isolated);
    out->isolated = iso.isolated;
    out->n_isolated = iso.n_isolated;
    iso.isolated = NULL;
done:
    moran_result_free(&iso);
    model_fit_free(g);
    free(mask);
    free(keys);
    weights_free(w);
    return rc;
}

const char *moran_reported(const moran_result *r, double *var, double *z, double *p)
{
    *var = r->lm ? r->var_lm : r->var_random;
    *z = r->lm ? r->z_lm : r->z_random;
    *p = r->lm ? r->p_lm : r->p_random;
    return r->lm ? "lm.morantest" : "moran.test";
}

void moran_result_free(moran_result *r)
{
    if (!r)
        return;
    free(r->isolated);
    r->isolated = NULL;
    r->n_isolated = 0;
}

void moran_json(json_w *w, const moran_result *r, size_t n_missing)
{
    double var, z, p;
    const char *method = moran_reported(r, &var, &z, &p);
    json_object(w, JSON_COMPACT);
    json_member_str(w, "schema", MORAN_SCHEMA);
    json_member_str(w, "method", method);
    json_member_str(w, "alternative", "greater");
    json_member_uint(w, "n", r->n);
    json_member_uint(w, "n_missing", n_missing);
    json_key(w, "isolated");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < r->n_isolated; i++)
        json_str(w, r->isolated[i]);
    json_end(w);
    json_member_bool(w, "refitted", r->lm && r->n_isolated);
    json_key(w, "rank");
    if (r->lm)
        json_uint(w, r->rank);
    else
        json_null(w);
    json_member_num(w, "moran_i", r->i);
    json_member_num(w, "expected", r->expected);
    json_member_num(w, "variance", var);
    json_member_num(w, "z", z);
    json_member_num(w, "p", p);
    json_member_num(w, "variance_normality", r->var_normal);
    json_member_num(w, "z_normality", r->z_normal);
    json_member_num(w, "p_normality", r->p_normal);
    json_member_uint(w, "permutations", r->permutations);
    json_member_num(w, "p_permutation", r->p_permutation);
    json_end(w);
}
