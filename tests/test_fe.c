/* fe: the within transformation gives the slopes of lm with one dummy a level, and the
 * fixest counting rules, against R 4.2.
 *
 * Real data: the hackathon's 2013 table joined to external-data/departements.csv for the
 * region of each department (2016 regions; 18 with the five overseas ones, each alone):
 *
 *   library(sandwich); library(clubSandwich)
 *   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
 *   g <- read.csv("external-data/departements.csv", colClasses = c(dep = "character"))
 *   d <- merge(d, g, by.x = "codep", by.y = "dep"); n <- nrow(d); G <- 18
 *   m <- lm(acte_affilies ~ densite_medecins + factor(reg_2016), data = d)
 *   coef(m)[2]; summary(m)$coefficients[2, 2]; summary(m)$df[2]       # 82
 *   # What fixest's defaults give for feols(acte_affilies ~ densite_medecins | reg_2016,
 *   # cluster = ~reg_2016) (fixest is not installed here: its rule by hand, ssc(adj = TRUE,
 *   # fixef.K = "nested", cluster.adj = TRUE), t on G − 1 df): K = 1 slope + 1 for the
 *   # fixed effect nested in the clusters
 *   v1 <- vcovCL(m, cluster = ~reg_2016, type = "HC0", cadjust = FALSE) * G/(G-1) * (n-1)/(n-2)
 *   V <- vcovCR(m, cluster = d$reg_2016, type = "CR2")
 *   coef_test(m, vcov = V, test = "Satterthwaite")         # SE and df_Satt of the slope
 * estimatr::lm_robust(acte_affilies ~ densite_medecins, fixed_effects = ~reg_2016,
 *   clusters = reg_2016, se_type = "CR2", data = d) gives the same CR2 SE and df to 15
 *   digits, with the fixed effect absorbed as here.
 *
 * Generated panel (tests/fixtures/cluster/panel-fe.csv: 13 regions × 6 years, 14 cells
 * dropped; region 84 written 084 in even years, one level since reg is a region key):
 *
 *   d <- read.csv("tests/fixtures/cluster/panel-fe.csv"); n <- 64; G <- 13
 *   m <- lm(y ~ x + z + factor(reg) + factor(year), data = d)     # and weights = w
 *   # fixest CR1, cluster = ~reg: K = 2 + (13 + 6 − 1) − (13 − 1) = 8
 *   vcovCL(m, cluster = ~reg, type = "HC0", cadjust = FALSE) * G/(G-1) * (n-1)/(n-8)
 * The code that made the panel is in tests/fixtures/cluster/SOURCE.md.
 *
 * Wild cluster bootstrap of the 2013 slope (18 regions: Rademacher, 2^18 > B, so random
 * draws): the independent reference wcr_p / wcr_ci of tests/test_wildboot.c on the design
 * with the dummies, X <- model.matrix(~ densite_medecins + factor(reg_2016), d),
 * cl <- as.integer(factor(d$reg_2016)); set.seed(2013); B <- 99999;
 * V <- matrix(sample(c(-1, 1), 18 * B, TRUE), 18); wcr_p(X, y, cl, 2, 0, V) = 0.357784;
 * wcr_ci(X, y, cl, 2, V, 0.95, coef(m)[2], qt(0.975, 17) * se1) = -0.00424762, 0.01003336. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "damirstat/cluster.h"
#include "damirstat/fe.h"
#include "damirstat/join.h"
#include "damirstat/table.h"
#include "t.h"

#define MAXP 4

struct within {
    fe_set fe;
    size_t n, p, sweeps;
    double b[MAXP], se[MAXP], bread[MAXP * MAXP];
    double *x, *e, *scores; /* n × p (√w-scaled), n, n × p */
};

static void within_free(struct within *w)
{
    fe_set_free(&w->fe);
    free(w->x), free(w->e), free(w->scores);
}

/* y on xs with the fixed effects fes absorbed and weights wcol (or NULL), by the normal
 * equations on the demeaned columns (GSL Cholesky); classical SEs on n − p − K_fe df. */
static int within_fit(const table_t *t, const char *y, const char *const *xs, size_t p,
                      const char *const *fes, size_t nfe, const char *wcol, struct within *w)
{
    memset(w, 0, sizeof *w);
    size_t n = w->n = table_nrows(t);
    w->p = p;
    ds_err err;
    ds_err_clear(&err);
    if (fe_set_build(t, fes, nfe, NULL, n, &w->fe, &err))
        return fprintf(stderr, "%s\n", err.msg), -1;
    long double *v = malloc((p + 1) * n * sizeof *v), *wt = NULL;
    if (wcol) {
        wt = malloc(n * sizeof *wt);
        for (size_t i = 0; i < n; i++)
            wt[i] = table_num(t, i, (size_t)table_col_index(t, wcol));
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = table_num(t, i, (size_t)table_col_index(t, y));
        for (size_t j = 0; j < p; j++)
            v[(j + 1) * n + i] = table_num(t, i, (size_t)table_col_index(t, xs[j]));
    }
    if (fe_demean(&w->fe, wt, v, n, p + 1, &w->sweeps, &err))
        return fprintf(stderr, "%s\n", err.msg), -1;
    w->x = malloc(n * p * sizeof *w->x), w->e = malloc(n * sizeof *w->e);
    w->scores = malloc(n * p * sizeof *w->scores);
    double xtx[MAXP * MAXP] = {0}, xty[MAXP] = {0};
    for (size_t i = 0; i < n; i++) {
        double sw = wt ? sqrt((double)wt[i]) : 1;
        for (size_t a = 0; a < p; a++) {
            w->x[i * p + a] = sw * (double)v[(a + 1) * n + i];
            xty[a] += w->x[i * p + a] * sw * (double)v[i];
            for (size_t c = 0; c < p; c++)
                xtx[a * p + c] += sw * sw * (double)v[(a + 1) * n + i] * (double)v[(c + 1) * n + i];
        }
    }
    gsl_matrix_view m = gsl_matrix_view_array(xtx, p, p);
    if (gsl_linalg_cholesky_decomp1(&m.matrix) || gsl_linalg_cholesky_invert(&m.matrix))
        return -1;
    memcpy(w->bread, xtx, p * p * sizeof *xtx);
    for (size_t a = 0; a < p; a++) {
        w->b[a] = 0;
        for (size_t c = 0; c < p; c++)
            w->b[a] += w->bread[a * p + c] * xty[c];
    }
    double rss = 0;
    for (size_t i = 0; i < n; i++) {
        double sw = wt ? sqrt((double)wt[i]) : 1, fit = 0;
        for (size_t a = 0; a < p; a++)
            fit += w->x[i * p + a] * w->b[a];
        w->e[i] = sw * (double)v[i] - fit;
        rss += w->e[i] * w->e[i];
        for (size_t a = 0; a < p; a++)
            w->scores[i * p + a] = w->x[i * p + a] * w->e[i];
    }
    double s2 = rss / (double)(n - p - fe_parameters(&w->fe));
    for (size_t a = 0; a < p; a++)
        w->se[a] = sqrt(s2 * w->bread[a * p + a]);
    free(v), free(wt);
    return 0;
}

static table_t *load_2013(void)
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/external-data/hackathon-2013/damir2013_2.csv", t_root());
    snprintf(b, sizeof b, "%s/external-data/departements.csv", t_root());
    table_t *l = NULL, *r = NULL;
    join_result jr = {0};
    join_options o = {.left_key = "codep", .right_key = "dep", .how = JOIN_INNER};
    if (table_load(a, &l, NULL) || table_load(b, &r, NULL) || join_tables(l, r, &o, &jr, NULL))
        return NULL;
    table_t *t = jr.table;
    jr.table = NULL;
    join_result_free(&jr);
    table_free(l), table_free(r);
    return t;
}

TEST(test_fe_region_effects_2013_match_lm_with_dummies)
{
    table_t *t = load_2013();
    CHECK(t && table_nrows(t) == 101, "2013 table");
    const char *xs[] = {"densite_medecins"}, *fes[] = {"reg_2016"};
    struct within w;
    CHECK(within_fit(t, "acte_affilies", xs, 1, fes, 1, NULL, &w) == 0, "fit");
    CHECK_NEAR(w.b[0], 0.0029630916439466414, 1e-10);
    CHECK_NEAR(w.se[0], 0.0016835297570063151, 1e-10); /* on 101 − 1 − 18 = 82 df */
    CHECK(w.fe.f[0].ngroups == 18 && fe_parameters(&w.fe) == 18 && w.sweeps == 1, "18 regions");
    CHECK(fe_singletons(&w.fe) == 5, "the five overseas regions are singletons: %zu",
          fe_singletons(&w.fe));
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "reg_2016", NULL, w.n, &id, &err) == 0, "%s", err.msg);
    CHECK(fe_nested_in(&w.fe.f[0], &id) && fe_cluster_k(&w.fe, 1, &id, 1) == 2, "K = 2");
    cluster_vcov_result r;
    CHECK(cluster_vcov(w.bread, w.scores, w.n, 1, &id, 1, CLUSTER_CR1,
                       fe_cluster_k(&w.fe, 1, &id, 1), &r, &err) == 0, "%s", err.msg);
    CHECK_NEAR(sqrt(r.vcov[0]), 0.0030052617383991426, 1e-10);
    CHECK(r.df[0] == 17, "df %g", r.df[0]);
    cluster_vcov_result_free(&r);
    CHECK(cluster_vcov_cr2(w.bread, w.x, w.e, NULL, w.n, 1, &id, &r, &err) == 0, "%s", err.msg);
    CHECK_NEAR(sqrt(r.vcov[0]), 0.0031280505845020148, 1e-10);
    CHECK_NEAR(r.df[0], 7.90872143859192, 1e-10);
    cluster_vcov_result_free(&r);
    cluster_ids_free(&id);
    within_free(&w);
    table_free(t);
}

static table_t *load_panel(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/cluster/panel-fe.csv", t_root());
    table_t *t = NULL;
    return table_load(path, &t, NULL) ? NULL : t;
}

TEST(test_fe_two_way_panel_matches_lm_with_dummies)
{
    table_t *t = load_panel();
    CHECK(t && table_nrows(t) == 64, "panel");
    const char *xs[] = {"x", "z"}, *fes[] = {"reg", "year"};
    const double b[2] = {0.21251720793280357, -0.37749769828773677};
    const double se[2] = {0.22842869959557774, 0.92555289267030538};
    const double cr1[2] = {0.20526917518272458, 1.111951726484592};
    struct within w;
    CHECK(within_fit(t, "y", xs, 2, fes, 2, NULL, &w) == 0, "fit");
    CHECK(w.fe.f[0].ngroups == 13 && w.fe.f[1].ngroups == 6, "084 is 84: %zu regions",
          w.fe.f[0].ngroups);
    CHECK(fe_parameters(&w.fe) == 18 && w.sweeps > 2, "18 parameters, %zu sweeps", w.sweeps);
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "reg", NULL, w.n, &id, &err) == 0, "%s", err.msg);
    CHECK(!fe_nested_in(&w.fe.f[1], &id) && fe_cluster_k(&w.fe, 2, &id, 1) == 8, "K = 8");
    cluster_vcov_result r;
    CHECK(cluster_vcov(w.bread, w.scores, w.n, 2, &id, 1, CLUSTER_CR1, 8, &r, &err) == 0,
          "%s", err.msg);
    for (size_t j = 0; j < 2; j++) {
        CHECK_NEAR(w.b[j], b[j], 1e-10);
        CHECK_NEAR(w.se[j], se[j], 1e-10);
        CHECK_NEAR(sqrt(r.vcov[j * 2 + j]), cr1[j], 1e-10);
    }
    cluster_vcov_result_free(&r);
    cluster_ids_free(&id);
    within_free(&w);
    table_free(t);
}

TEST(test_fe_weighted_panel_matches_lm_with_dummies)
{
    table_t *t = load_panel();
    CHECK(t != NULL, "panel");
    const char *xs[] = {"x", "z"}, *fes[] = {"reg", "year"};
    const double b[2] = {0.21775466473573585, -0.34470422692923758};
    const double se[2] = {0.2457668490952884, 0.93318963673867916};
    const double cr1[2] = {0.21842066946673572, 1.2549521105817218};
    struct within w;
    CHECK(within_fit(t, "y", xs, 2, fes, 2, "w", &w) == 0, "fit");
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "reg", NULL, w.n, &id, NULL) == 0, "ids");
    cluster_vcov_result r;
    CHECK(cluster_vcov(w.bread, w.scores, w.n, 2, &id, 1, CLUSTER_CR1, 8, &r, NULL) == 0, "v");
    for (size_t j = 0; j < 2; j++) {
        CHECK_NEAR(w.b[j], b[j], 1e-10);
        CHECK_NEAR(w.se[j], se[j], 1e-10);
        CHECK_NEAR(sqrt(r.vcov[j * 2 + j]), cr1[j], 1e-10);
    }
    cluster_vcov_result_free(&r);
    cluster_ids_free(&id);
    within_free(&w);
    table_free(t);
}

TEST(test_fe_bad_input)
{
    table_t *t = load_panel();
    CHECK(t != NULL, "panel");
    fe_set s;
    ds_err err;
    ds_err_clear(&err);
    const char *twice[] = {"reg", "reg"}, *unknown[] = {"region"};
    CHECK(fe_set_build(t, twice, 2, NULL, 64, &s, &err) == DS_EDATA, "twice");
    CHECK(strstr(err.msg, "named twice") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(fe_set_build(t, unknown, 1, NULL, 64, &s, &err) == DS_EDATA, "unknown");
    CHECK(strstr(err.msg, "no column 'region'") != NULL, "%s", err.msg);
    /* a column constant within regions is absorbed: nothing is left of it */
    const char *reg[] = {"reg"};
    CHECK(fe_set_build(t, reg, 1, NULL, 64, &s, &err) == 0, "%s", err.msg);
    long double v[64];
    for (size_t i = 0; i < 64; i++)
        v[i] = 3.5L * (long double)s.f[0].group[i] + 1;
    CHECK(fe_demean(&s, NULL, v, 64, 1, NULL, &err) == 0, "%s", err.msg);
    long double biggest = 0;
    for (size_t i = 0; i < 64; i++)
        biggest = fabsl(v[i]) > biggest ? fabsl(v[i]) : biggest;
    CHECK(biggest < 1e-15L, "left %Lg", biggest);
    fe_set_free(&s);
    table_free(t);
}

TEST(test_fe_wild_bootstrap_2013_agrees_with_the_reference)
{
    table_t *t = load_2013();
    CHECK(t != NULL, "2013 table");
    const char *xs[] = {"densite_medecins"}, *fes[] = {"reg_2016"};
    struct within w;
    CHECK(within_fit(t, "acte_affilies", xs, 1, fes, 1, NULL, &w) == 0, "fit");
    double *y = malloc(w.n * sizeof *y);
    for (size_t i = 0; i < w.n; i++) /* the demeaned response: fitted + residual */
        y[i] = w.x[i] * w.b[0] + w.e[i];
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "reg_2016", NULL, w.n, &id, NULL) == 0, "ids");
    cluster_boot_options o = {.coef = 0, .reps = 9999, .seed = 1, .level = 0.95, .k = 2};
    cluster_boot_result r;
    ds_err err;
    ds_err_clear(&err);
    CHECK(cluster_wild_bootstrap(w.x, y, w.n, 1, &id, &o, &r, &err) == 0, "%s", err.msg);
    CHECK(r.weights == CLUSTER_WEIGHTS_RADEMACHER && !r.enumerated && r.reps == 9999, "w");
    CHECK_NEAR(r.t, 0.0029630916439466414 / 0.0030052617383991426, 1e-9); /* the CR1 t */
    double p = 0.357784, mc = 4 * sqrt(p * (1 - p) * (1.0 / 9999 + 1.0 / 99999));
    CHECK(fabs(r.p_value - p) <= mc, "p %g, reference %g", r.p_value, p);
    /* bounds: Monte Carlo error of a 2.5 % quantile of the draws, well within 5e-4 */
    CHECK(fabs(r.ci_low - -0.00424762) < 5e-4, "low %g", r.ci_low);
    CHECK(fabs(r.ci_high - 0.01003336) < 5e-4, "high %g", r.ci_high);
    free(y);
    cluster_ids_free(&id);
    within_free(&w);
    table_free(t);
}
