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
