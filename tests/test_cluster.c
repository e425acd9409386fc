/* cluster: the cluster sandwich (CR0, CR1 one- and two-way, CR2 with Satterthwaite df)
 * against R 4.2 on tests/fixtures/cluster/gen40.csv (40 rows, 7 unbalanced clusters g, a
 * second grouping h of 5), made by
 *
 *   set.seed(14); n <- 40
 *   g <- sample(c("a","b","c","d","e","f","g"), n, replace = TRUE,
 *               prob = c(.3, .2, .15, .1, .1, .1, .05))
 *   h <- sample(1:5, n, replace = TRUE)
 *   x1 <- rnorm(n) + as.numeric(factor(g)) / 3; x2 <- runif(n)
 *   y <- 1 + 0.5 * x1 - x2 + rnorm(n) + rnorm(7)[as.numeric(factor(g))]
 *   (written with sprintf("%.17g"))
 *
 * and the references printed with sprintf("%.17g") by
 *
 *   library(sandwich); library(clubSandwich)
 *   d <- read.csv("tests/fixtures/cluster/gen40.csv"); m <- lm(y ~ x1 + x2, data = d)
 *   sqrt(diag(vcovCL(m, cluster = ~g, type = "HC1")))           # CR1, k = 3
 *   sqrt(diag(vcovCL(m, cluster = ~g, type = "HC0", cadjust = FALSE)))   # CR0
 *   # two-way with fixest's default cluster.df = "min": the three components unadjusted,
 *   # then one factor Gmin/(Gmin − 1) (n − 1)/(n − k) = 5/4 · 39/37
 *   v2 <- vcovCL(m, cluster = ~g + h, type = "HC0", cadjust = FALSE) * 5/4 * 39/37
 *   V <- vcovCR(m, cluster = d$g, type = "CR2"); sqrt(diag(V))
 *   coef_test(m, vcov = V, test = "Satterthwaite")$df_Satt
 * estimatr::lm_robust(y ~ x1 + x2, data = d, clusters = g, se_type = "CR2") gives the same
 * CR2 standard errors and df to 15 digits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "damirstat/cluster.h"
#include "damirstat/table.h"
#include "t.h"

struct ols40 {
    table_t *t;
    size_t n;
    double x[40 * 3], e[40], bread[9], scores[40 * 3];
};

/* OLS of y ~ x1 + x2 by GSL's Cholesky on X'X (the fixture is well conditioned). */
static int load40(struct ols40 *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/cluster/gen40.csv", t_root());
    ds_err err;
    ds_err_clear(&err);
    if (table_load(path, &o->t, &err))
        return -1;
    o->n = table_nrows(o->t);
    double y[40], xtx[9] = {0}, xty[3] = {0};
    for (size_t i = 0; i < o->n; i++) {
        o->x[i * 3] = 1;
        o->x[i * 3 + 1] = table_num(o->t, i, 2);
        o->x[i * 3 + 2] = table_num(o->t, i, 3);
        y[i] = table_num(o->t, i, 4);
        for (size_t a = 0; a < 3; a++) {
            xty[a] += o->x[i * 3 + a] * y[i];
            for (size_t b = 0; b < 3; b++)
                xtx[a * 3 + b] += o->x[i * 3 + a] * o->x[i * 3 + b];
        }
    }
    gsl_matrix_view m = gsl_matrix_view_array(xtx, 3, 3);
    if (gsl_linalg_cholesky_decomp1(&m.matrix) || gsl_linalg_cholesky_invert(&m.matrix))
        return -1;
    memcpy(o->bread, xtx, sizeof xtx);
    for (size_t i = 0; i < o->n; i++) {
        double fit = 0;
        for (size_t a = 0; a < 3; a++)
            for (size_t b = 0; b < 3; b++)
                fit += o->x[i * 3 + a] * o->bread[a * 3 + b] * xty[b];
        o->e[i] = y[i] - fit;
        for (size_t a = 0; a < 3; a++)
            o->scores[i * 3 + a] = o->x[i * 3 + a] * o->e[i];
    }
    return 0;
}

TEST(test_cluster_cr1_matches_vcovcl_hc1)
{
    struct ols40 o;
    CHECK(load40(&o) == 0, "fixture");
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(o.t, "g", NULL, o.n, &id, &err) == 0, "%s", err.msg);
    CHECK(id.ngroups == 7, "groups %zu", id.ngroups);
    cluster_vcov_result r;
    CHECK(cluster_vcov(o.bread, o.scores, o.n, 3, &id, 1, CLUSTER_CR1, 3, &r, &err) == 0,
          "%s", err.msg);
    const double want[3] = {0.347892418986952, 0.19897689328291562, 0.48503494726951635};
    for (size_t j = 0; j < 3; j++) {
        CHECK_NEAR(sqrt(r.vcov[j * 3 + j]), want[j], 1e-10);
        CHECK(r.df[j] == 6, "df %g", r.df[j]);
    }
    CHECK_NEAR(r.adjustment, 7.0 / 6 * 39 / 37, 1e-15);
    cluster_vcov_result_free(&r);
    CHECK(cluster_vcov(o.bread, o.scores, o.n, 3, &id, 1, CLUSTER_CR0, 3, &r, &err) == 0,
          "%s", err.msg);
    const double want0[3] = {0.31371849921030842, 0.1794311371314678, 0.43738934054682732};
    for (size_t j = 0; j < 3; j++)
        CHECK_NEAR(sqrt(r.vcov[j * 3 + j]), want0[j], 1e-10);
    cluster_vcov_result_free(&r);
    cluster_ids_free(&id);
    table_free(o.t);
}

TEST(test_cluster_two_way_uses_the_smaller_count)
{
    struct ols40 o;
    CHECK(load40(&o) == 0, "fixture");
    ds_err err;
    ds_err_clear(&err);
    cluster_ids ids[2];
    CHECK(cluster_ids_from_table(o.t, "g", NULL, o.n, &ids[0], &err) == 0, "%s", err.msg);
    CHECK(cluster_ids_from_table(o.t, "h", NULL, o.n, &ids[1], &err) == 0, "%s", err.msg);
    cluster_vcov_result r;
    CHECK(cluster_vcov(o.bread, o.scores, o.n, 3, ids, 2, CLUSTER_CR1, 3, &r, &err) == 0,
          "%s", err.msg);
    const double want[3] = {0.42089485711942232, 0.15646805360539592, 0.66004043026826031};
    for (size_t j = 0; j < 3; j++) {
        CHECK_NEAR(sqrt(r.vcov[j * 3 + j]), want[j], 1e-10);
        CHECK(r.df[j] == 4, "df %g: min(7, 5) − 1", r.df[j]);
    }
    CHECK_NEAR(r.vcov[1 * 3 + 2], -0.073916565901567394, 1e-10);
    CHECK(r.ngroups[0] == 7 && r.ngroups[1] == 5 && !r.psd_fixed, "groups");
    cluster_vcov_result_free(&r);
    cluster_ids_free(&ids[0]);
    cluster_ids_free(&ids[1]);
    table_free(o.t);
}

TEST(test_cluster_cr2_matches_clubsandwich)
{
    struct ols40 o;
    CHECK(load40(&o) == 0, "fixture");
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(o.t, "g", NULL, o.n, &id, &err) == 0, "%s", err.msg);
    cluster_vcov_result r;
    CHECK(cluster_vcov_cr2(o.bread, o.x, o.e, NULL, o.n, 3, &id, &r, &err) == 0, "%s", err.msg);
    const double se[3] = {0.36593623507406059, 0.21271632204253185, 0.51913854344245181};
    const double df[3] = {3.9080802678109561, 4.944406676136194, 3.7387905708852101};
    for (size_t j = 0; j < 3; j++) {
        CHECK_NEAR(sqrt(r.vcov[j * 3 + j]), se[j], 1e-10);
        CHECK_NEAR(r.df[j], df[j], 1e-10);
    }
    cluster_vcov_result_free(&r);
    cluster_ids_free(&id);
    table_free(o.t);
}

TEST(test_cluster_one_group_is_an_error)
{
    const char csv[] = "g,x\nA,1\nA,2\nA,3\n";
    table_t *t;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load_buffer("one.csv", csv, sizeof csv - 1, &t, &err) == 0, "%s", err.msg);
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "g", NULL, 3, &id, &err) == DS_EDATA, "one group");
    CHECK(strstr(err.msg, "has one group (\"A\")") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(cluster_ids_from_table(t, "nope", NULL, 3, &id, &err) == DS_EDATA, "unknown");
    CHECK(strstr(err.msg, "no column 'nope'") != NULL, "%s", err.msg);
    table_free(t);
}

TEST(test_cluster_department_keys_are_one_group)
{
    /* 1, 01 and 001 are one department; in a column not named like a key they stay three
     * texts, as R's factor() of a character column keeps them. */
    const char csv[] = "dep,code\n1,1\n01,01\n001,001\n2A,2A\n";
    table_t *t;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load_buffer("k.csv", csv, sizeof csv - 1, &t, &err) == 0, "%s", err.msg);
    cluster_ids a, b;
    CHECK(cluster_ids_from_table(t, "dep", NULL, 4, &a, &err) == 0, "%s", err.msg);
    CHECK(a.ngroups == 2 && a.group[0] == a.group[1] && a.group[1] == a.group[2], "dep");
    CHECK(cluster_ids_from_table(t, "code", NULL, 4, &b, &err) == 0, "%s", err.msg);
    CHECK(b.ngroups == 4, "code: %zu groups", b.ngroups);
    cluster_ids_free(&a);
    cluster_ids_free(&b);
    table_free(t);
}
