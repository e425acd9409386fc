#include "damirstat/moran.h"
#include "damirstat/table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "t.h"

static void neighbours_path(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", t_root(), rel);
}

/* Expected values: R 4.2.2 with spdep 1.2-7 (Debian r-cran-spdep), moran.test(x, lw) and
 * moran.test(x, lw, randomisation = FALSE), lw = mat2listw(W, style = "W"), W the
 * contiguity of external-data/departements-contiguite.csv over the 96 metropolitan
 * departments, x = densite_generalistes of external-data/medecins-departements.csv; the
 * same numbers from Cliff and Ord's formulas written out in R (see docs in moran.h). */
TEST(test_moran_matches_spdep_on_gp_density)
{
    char nb[4096], path[4096];
    neighbours_path(nb, sizeof nb, "external-data/departements-contiguite.csv");
    neighbours_path(path, sizeof path, "external-data/medecins-departements.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (!t)
        return;
    size_t n = table_nrows(t);
    const char *keys[128];
    double values[128];
    long kc = table_col_index(t, "dep"), vc = table_col_index(t, "densite_generalistes");
    for (size_t i = 0; i < n && i < 128; i++) {
        keys[i] = table_text(t, i, (size_t)kc);
        values[i] = table_num(t, i, (size_t)vc);
    }
    moran_options opt = {.neighbours = nb};
    moran_result r;
    CHECK(moran_compute(keys, values, n, &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(r.n == 96 && r.n_isolated == 5, "n %zu isolated %zu", r.n, r.n_isolated);
    CHECK_NEAR(r.i, 2.51244248394569e-01, 1e-12);
    CHECK_NEAR(r.expected, -1.05263157894737e-02, 1e-12);
    CHECK_NEAR(r.var_random, 4.42958308427931e-03, 1e-12);
    CHECK_NEAR(r.z_random, 3.93313979734372, 1e-12);
    CHECK_NEAR(r.p_random, 4.19217211056857e-05, 1e-9);
    CHECK_NEAR(r.var_normal, 4.57816700765751e-03, 1e-12);
    CHECK_NEAR(r.p_normal, 5.46887226205991e-05, 1e-9);
    CHECK(isnan(r.p_permutation), "no permutations asked");
    moran_result_free(&r);
    table_free(t);
}

/* A ring of five departments, x = 1..5: by hand, z = -2..2, Σz² = 10, each department's
 * neighbours are the two beside it (weights 1/2): Σ w z_i z_j = Σ_i z_i (z_{i-1}+z_{i+1})/2
 * = (-2(-1+2) + -1(-2+0) + 0 + 1(0+2) + 2(1-2))/2 = (-2 + 2 + 2 - 2)/2 = 0, so I = 0. */
TEST(test_moran_ring_by_hand)
{
    char nb[4096];
    neighbours_path(nb, sizeof nb, "tests/fixtures/moran/ring5.csv");
    const char *keys[] = {"1", "02", "3", "04", "5"};
    double values[] = {1, 2, 3, 4, 5};
    moran_options opt = {.neighbours = nb, .permutations = 199, .seed = 7};
    moran_result r;
    ds_err err;
    ds_err_clear(&err);
    CHECK(moran_compute(keys, values, 5, &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(r.i, 0.0, 1e-15);
    CHECK_NEAR(r.expected, -0.25, 1e-15);
    CHECK(r.p_permutation > 0 && r.p_permutation <= 1, "p %g", r.p_permutation);
    moran_result_free(&r);
}

TEST(test_moran_errors)
{
    char nb[4096];
    neighbours_path(nb, sizeof nb, "tests/fixtures/moran/ring5.csv");
    moran_options opt = {.neighbours = nb};
    moran_result r;
    ds_err err;
    const char *keys[] = {"01", "02", "03", "04", "05"};
    double flat[] = {2, 2, 2, 2, 2};
    ds_err_clear(&err);
    CHECK(moran_compute(keys, flat, 5, &opt, &r, &err) == DS_EDATA, "constant");
    CHECK(strstr(err.msg, "constant") != NULL, "%s", err.msg);
    const char *bad[] = {"01", "02", "99", "04", "05"};
    double v[] = {1, 2, 3, 4, 5};
    ds_err_clear(&err);
    CHECK(moran_compute(bad, v, 5, &opt, &r, &err) == DS_EDATA, "bad key");
    CHECK(strstr(err.msg, "'99'") != NULL, "%s", err.msg);
    const char *twice[] = {"01", "02", "1", "04", "05"};
    ds_err_clear(&err);
    CHECK(moran_compute(twice, v, 5, &opt, &r, &err) == DS_EDATA, "repeated");
    CHECK(strstr(err.msg, "twice") != NULL, "%s", err.msg);
    const char *few[] = {"01", "02", "03"};
    ds_err_clear(&err);
    CHECK(moran_compute(few, v, 3, &opt, &r, &err) == DS_EDATA, "too few");
    opt.neighbours = "/nonexistent/nb.csv";
    ds_err_clear(&err);
    CHECK(moran_compute(keys, v, 5, &opt, &r, &err) == DS_EIO, "missing neighbours file");
}

/* R 4.2.2, spdep 1.2.7, same data as test_moran_matches_spdep_on_gp_density:
 * set.seed(1); moran.mc(x, lw, nsim = 99999)$p.value = 0.00042 ("greater"). With 20,000
 * permutations k is about 8: the Monte Carlo standard error of p is about 0.00015. */
TEST(test_moran_permutation_p_agrees_with_spdep_moran_mc)
{
    char nb[4096], path[4096];
    neighbours_path(nb, sizeof nb, "external-data/departements-contiguite.csv");
    neighbours_path(path, sizeof path, "external-data/medecins-departements.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (!t)
        return;
    size_t n = table_nrows(t);
    const char *keys[128];
    double values[128];
    long kc = table_col_index(t, "dep"), vc = table_col_index(t, "densite_generalistes");
    for (size_t i = 0; i < n && i < 128; i++) {
        keys[i] = table_text(t, i, (size_t)kc);
        values[i] = table_num(t, i, (size_t)vc);
    }
    moran_options opt = {.neighbours = nb, .permutations = 20000, .seed = 11};
    moran_result r;
    CHECK(moran_compute(keys, values, n < 128 ? n : 128, &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(fabs(r.p_permutation - 0.00042) < 0.0005, "p %g", r.p_permutation);
    CHECK(r.permutations == 20000, "count %lu", r.permutations);
    moran_result_free(&r);
    table_free(t);
}

/* y ~ x on the ring of five, x = 1..5, y = 2 1 4 3 7, plus 971 (no neighbour: left out, so
 * the model is refitted on the ring). By hand: b = 12/10, a = -0.2, e = 1 -1.2 0.6 -1.6 1.2,
 * e'e = 6.8, e'We = sum over the five borders of e_i e_j = -3.6, I = -9/17. R 4.2.2 + spdep
 * 1.2-7: W the ring, lw <- mat2listw(W, style = "W"),
 * lm.morantest(lm(y ~ x, data.frame(x = 1:5, y = c(2, 1, 4, 3, 7))), lw): I
 * -0.529411764705882, E[I] -0.333333333333333, Var 0.088888888888889, z -0.657667052205819,
 * p 0.744623950914524 (one-sided "greater"). */
TEST(test_moran_fit_residuals_refits_without_isolated_as_lm_morantest)
{
    char nb[4096];
    neighbours_path(nb, sizeof nb, "tests/fixtures/moran/ring5.csv");
    const char *names[] = {"dep", "x", "y"};
    table_t *t = table_new(3, names);
    const char *rows[][3] = {{"01", "1", "2"}, {"02", "2", "1"}, {"971", "9", "-40"},
                             {"03", "3", "4"}, {"04", "4", "3"}, {"05", "5", "7"}};
    for (size_t i = 0; i < 6; i++)
        table_append_row(t, rows[i]);
    model_options mo;
    model_options_default(&mo);
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(model_fit_formula(t, "y ~ x", &mo, &f, &err) == DS_OK, "%s", err.msg);
    moran_options opt = {.neighbours = nb};
    moran_result r;
    CHECK(moran_fit_residuals(t, f, &mo, "dep", &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(r.lm == 1 && r.n == 5 && r.rank == 2, "lm %d n %zu rank %zu", r.lm, r.n, r.rank);
    CHECK(r.n_isolated == 1 && strcmp(r.isolated[0], "971") == 0, "isolated %zu", r.n_isolated);
    CHECK_NEAR(r.i, -9.0 / 17, 1e-12);
    CHECK_NEAR(r.expected, -0.333333333333333, 1e-12);
    CHECK_NEAR(r.var_lm, 0.088888888888889, 1e-12);
    CHECK_NEAR(r.z_lm, -0.657667052205819, 1e-12);
    CHECK_NEAR(r.p_lm, 0.744623950914524, 1e-12);
    CHECK(isnan(r.var_random) && isnan(r.p_normal), "moran.test moments are not given");
    double var, z, p;
    CHECK_STR(moran_reported(&r, &var, &z, &p), "lm.morantest");
    CHECK(var == r.var_lm && z == r.z_lm && p == r.p_lm, "reported test");
    moran_result_free(&r);
    model_fit_free(f);
    table_free(t);
}

/* A fit of the hackathon's 2013 table (101 departments), tested as R's lm.morantest after a
 * refit on the 96 with a neighbour. Expected: R 4.2.2 + spdep 1.2-7 (Debian r-cran-spdep):
 *   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv",
 *                  colClasses = c(codep = "character"))
 *   metro <- d[nchar(d$codep) == 2, ]
 *   nb <- read.csv("external-data/departements-contiguite.csv", colClasses = "character")
 *   W <- matrix(0, 96, 96, dimnames = list(metro$codep, metro$codep))
 *   for (r in seq_len(nrow(nb))) if (all(c(nb$dep[r], nb$voisin[r]) %in% metro$codep))
 *       W[nb$dep[r], nb$voisin[r]] <- W[nb$voisin[r], nb$dep[r]] <- 1
 *   lw <- mat2listw(W, style = "W")
 *   print(lm.morantest(lm(FORMULA, metro, weights = WEIGHTS), lw)$estimate, digits = 15) */
static void check_hackathon(const char *formula, const char *weight, size_t rank,
                            const double want[5])
{
    char path[4096];
    neighbours_path(path, sizeof path, "external-data/hackathon-2013/damir2013_2.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (!t)
        return;
    model_options mo;
    model_options_default(&mo);
    mo.weight = weight;
    model_fit *f = NULL;
    CHECK(model_fit_formula(t, formula, &mo, &f, &err) == DS_OK, "%s", err.msg);
    moran_options opt = {0};
    moran_result r;
    if (f && moran_fit_residuals(t, f, &mo, "codep", &opt, &r, &err) == DS_OK) {
        CHECK(r.lm && r.n == 96 && r.n_isolated == 5 && r.rank == rank, "%s: n %zu rank %zu",
              formula, r.n, r.rank);
        CHECK_NEAR(r.i, want[0], 1e-10);
        CHECK_NEAR(r.expected, want[1], 1e-10);
        CHECK_NEAR(r.var_lm, want[2], 1e-10);
        CHECK_NEAR(r.z_lm, want[3], 1e-10);
        CHECK_NEAR(r.p_lm, want[4], 1e-8);
        moran_result_free(&r);
    } else {
        CHECK(0, "%s: %s", formula, err.msg);
    }
    model_fit_free(f);
    table_free(t);
}

TEST(test_moran_fit_residuals_match_spdep_lm_morantest_on_2013_table)
{
    /* FORMULA acte_affilies ~ densite_medecins, no weights */
    check_hackathon("acte_affilies ~ densite_medecins", NULL, 2,
                    (const double[]){0.63687219598670819, -0.01562461321653664,
                                     0.00449035637389462, 9.73728737228321,
                                     1.04530215880113e-22});
    /* weights = pop_affiliee: spdep tests √w·e with the rows of X times √w */
    check_hackathon("acte_affilies ~ densite_medecins", "pop_affiliee", 2,
                    (const double[]){0.54487913937858412, -0.01424482244823933,
                                     0.00449366195905716, 8.34080379699506,
                                     3.68936184487398e-17});
    /* acte_affilies ~ densite_medecins + I(densite_medecins^2), weights = pop_affiliee */
    check_hackathon("acte_affilies ~ densite_medecins + I(densite_medecins^2)", "pop_affiliee",
                    3, (const double[]){0.51698088209686222, -0.01607428830498041,
                                        0.00448775464641698, 7.95715114590242,
                                        8.80228042300343e-16});
}

/* With an intercept alone M centres, and Cliff and Ord's moments for residuals become those
 * of moran.test under normality: E[I] = -1/(n-1) and the normality variance, here R's
 * moran.test(x, lw, randomisation = FALSE) of test_moran_matches_spdep_on_gp_density. */
TEST(test_moran_lm_with_intercept_only_is_moran_test_under_normality)
{
    char nb[4096], path[4096];
    neighbours_path(nb, sizeof nb, "external-data/departements-contiguite.csv");
    neighbours_path(path, sizeof path, "external-data/medecins-departements.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (!t)
        return;
    long kc = table_col_index(t, "dep"), vc = table_col_index(t, "densite_generalistes");
    const char *keys[128];
    double u[128], ones[128], mean = 0;
    size_t n = 0;
    for (size_t i = 0; i < table_nrows(t) && n < 128; i++) {
        const char *k = table_text(t, i, (size_t)kc);
        if (strlen(k) == 3) /* 971-976: no neighbour */
            continue;
        keys[n] = k;
        u[n] = table_num(t, i, (size_t)vc);
        ones[n] = 1;
        mean += u[n++];
    }
    for (size_t i = 0; i < n; i++)
        u[i] -= mean / (double)n;
    moran_options opt = {.neighbours = nb};
    moran_result r;
    CHECK(moran_compute_lm(keys, u, ones, n, 1, &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(n == 96 && r.n == 96, "n %zu", r.n);
    CHECK_NEAR(r.i, 2.51244248394569e-01, 1e-12);
    CHECK_NEAR(r.expected, -1.05263157894737e-02, 1e-12);
    CHECK_NEAR(r.var_lm, 4.57816700765751e-03, 1e-12);
    CHECK_NEAR(r.p_lm, 5.46887226205991e-05, 1e-9);
    moran_result_free(&r);
    table_free(t);
}

TEST(test_moran_fit_residuals_errors_and_robust_fallback)
{
    char nb[4096];
    neighbours_path(nb, sizeof nb, "tests/fixtures/moran/ring5.csv");
    const char *names[] = {"dep", "x", "y", "only_971"};
    table_t *t = table_new(4, names);
    const char *rows[][4] = {{"01", "1", "2", "0"}, {"02", "2", "1", "0"},
                             {"971", "9", "-40", "1"}, {"03", "3", "4", "0"},
                             {"04", "4", "3", "0"}, {"05", "5", "7", "0"}};
    for (size_t i = 0; i < 6; i++)
        table_append_row(t, rows[i]);
    model_options mo;
    model_options_default(&mo);
    model_fit *f = NULL;
    moran_options opt = {.neighbours = nb};
    moran_result r;
    ds_err err;
    ds_err_clear(&err);
    /* The refit on the ring cannot estimate a term that only 971 informs. */
    CHECK(model_fit_formula(t, "y ~ x + only_971", &mo, &f, &err) == DS_OK, "%s", err.msg);
    CHECK(moran_fit_residuals(t, f, &mo, "dep", &opt, &r, &err) == DS_EDATA, "refit fails");
    CHECK(strstr(err.msg, "refitting the model on the 5 departments with a neighbour") &&
          strstr(err.msg, "only_971"), "%s", err.msg);
    ds_err_clear(&err);
    CHECK(moran_fit_residuals(t, f, &mo, "nope", &opt, &r, &err) == DS_EDATA, "no key column");
    CHECK(strstr(err.msg, "'nope'") != NULL, "%s", err.msg);
    model_fit_free(f);
    /* An M-estimate is tested as a variable (moran.test under randomisation). */
    mo.method = MODEL_HUBER;
    f = NULL;
    ds_err_clear(&err);
    CHECK(model_fit_formula(t, "y ~ x", &mo, &f, &err) == DS_OK, "%s", err.msg);
    CHECK(moran_fit_residuals(t, f, &mo, "dep", &opt, &r, &err) == DS_OK, "%s", err.msg);
    double var, z, p;
    CHECK_STR(moran_reported(&r, &var, &z, &p), "moran.test");
    CHECK(!r.lm && r.n == 5 && r.n_isolated == 1 && var == r.var_random, "fallback");
    CHECK_NEAR(r.expected, -0.25, 1e-15);
    moran_result_free(&r);
    model_fit_free(f);
    table_free(t);
    /* moran_compute_lm wants every department to have a neighbour. */
    const char *keys[] = {"01", "02", "03", "04", "05", "971"};
    double u[] = {1, -1, 1, -1, 1, -1}, x[] = {1, 1, 1, 1, 1, 1};
    ds_err_clear(&err);
    CHECK(moran_compute_lm(keys, u, x, 6, 1, &opt, &r, &err) == DS_EDATA, "isolated");
    CHECK(strstr(err.msg, "971") != NULL, "%s", err.msg);
    double zero[] = {0, 0, 0, 0, 0};
    ds_err_clear(&err);
    CHECK(moran_compute_lm(keys, zero, x, 5, 1, &opt, &r, &err) == DS_EDATA, "perfect fit");
    CHECK(strstr(err.msg, "all 0") != NULL, "%s", err.msg);
}
