/* glm and wald on the 2013 hackathon table with its 18 age shares: the count models as R's
 * glm and MASS::glm.nb, their HC3 and region-clustered standard errors, and the joint Wald
 * test of the shares as car::linearHypothesis. R code beside each reference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cluster.h"
#include "damirstat/glm.h"
#include "damirstat/table.h"
#include "damirstat/wald.h"
#include "glm_t.h"
#include "t.h"

/* The 2013 table with the 18 age shares of the insured population, built here from the
 * CNAMTS counts as studies/density-visits-2013.study builds it (men + women by age group,
 * CPAMs summed by department, Nord's "5N" counted as 59, each share over the 19 groups,
 * 90 and over left out), and the region of each department (departements.csv, reg_2016:
 * 13 metropolitan regions and the 5 overseas departments, 18 groups). R 4.2.2:
 *
 *   d  <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
 *   p  <- read.csv("external-data/hackathon-2013/population_protegee/nb_2013.csv",
 *                  check.names = FALSE, colClasses = c(dpt = "character"))
 *   p$dpt[p$dpt == "5N"] <- "59"; ages <- names(p)[3:21]
 *   m  <- sapply(ages, function(a) p[[a]] + p[[paste0(a, ".1")]])
 *   g  <- aggregate(m, by = list(dpt = p$dpt), FUN = sum)
 *   sh <- g[, -1] / rowSums(g[, -1]); names(sh) <- paste0("a", 1:19); sh$codep <- g$dpt
 *   x  <- merge(d, sh, by = "codep")
 *   dep <- read.csv("external-data/departements.csv", colClasses = c(dep = "character", reg_2016 = "character"))
 *   x  <- merge(x, dep[, c("dep", "reg_2016")], by.x = "codep", by.y = "dep")
 *   fa <- nb_actes ~ densite_medecins + a1 + ... + a18
 *   p2 <- glm(fa, poisson, x, offset = log(pop_affiliee))
 *   q2 <- glm(fa, quasipoisson, x, offset = log(pop_affiliee))
 *   n2 <- glm.nb(update(fa, . ~ . + offset(log(pop_affiliee))), x)
 *   summary(m)$coefficients[c(1, 2, 20), ]; deviance; null.deviance; dispersion; AIC;
 *   sqrt(vcovHC(m, "HC3")[2, 2]); sqrt(vcovCL(m, ~reg_2016, type = "HC1")[2, 2])
 *   sh18 <- paste0("a", 1:18)
 *   linearHypothesis(q2, sh18, test = "F") (= waldtest(q2, update(q2, . ~ densite_medecins)))
 *   linearHypothesis(q2, sh18, test = "F", vcov. = vcovHC(q2, "HC3"))
 *   linearHypothesis(n2, sh18); linearHypothesis(n2, sh18, vcov. = vcovHC(n2, "HC0"))
 *   linearHypothesis(q2, sh18, vcov. = vcovCL(q2, ~reg_2016, type = "HC1")): R prints
 *   F = -91393526, p = 1 — the clustered covariance of the 18 shares has rank 17 (18
 *   clusters, whose scores sum to 0), eigen(cov2cor(V[3:20, 3:20]))$values ending 2.51e-07,
 *   -3.91e-12: we refuse and say so.
 * The robust Wald statistics are checked against exact arithmetic, not against R's: R's F
 * with HC3 (2.96065821118924) and χ² with HC0 (321.819239123178) carry 9 digits, as a
 * sandwich formed in double from an ill-conditioned (X'WX)⁻¹ does. The exact values at R's
 * own estimates — Python mpmath 1.3 at 50 digits on model.matrix(m), weights(m, "working"),
 * residuals(m, "working"), hatvalues(m) and coef(m) printed with %.17g, V = B M B with
 * B = (X'WX)⁻¹, M = Σ ω (w r)² x x', W = b_S' V_SS⁻¹ b_S — are 2.9606581980371241 (F) and
 * 321.81923900491288559 (χ²); their p-values pf(2.9606581980371241, 18, 81, lower.tail =
 * FALSE) = 0.000450355281181607 and pchisq(321.81923900491288559, 18, lower.tail = FALSE)
 * = 1.53807083524982e-57. */
typedef struct ages2013 {
    table_t *damir, *regions;
    size_t n;
    double x[101 * 20], y[101], off[101];
    const char *names[20];
} ages2013;

static void age_sums(const table_t *ages, const char *code, double *sum)
{
    memset(sum, 0, 19 * sizeof *sum);
    size_t dpt = (size_t)table_col_index(ages, "dpt");
    for (size_t r = 0; r < table_nrows(ages); r++) {
        const char *c = table_text(ages, r, dpt);
        if (strcmp(strcmp(c, "5N") == 0 ? "59" : c, code) != 0)
            continue;
        for (size_t k = 0; k < 19; k++) /* men in columns 2 … 20, women in 21 … 39 */
            sum[k] += table_num(ages, r, 2 + k) + table_num(ages, r, 21 + k);
    }
}

static const char *region_of(const table_t *deps, const char *code)
{
    size_t dep = (size_t)table_col_index(deps, "dep"), reg = (size_t)table_col_index(deps, "reg_2016");
    for (size_t r = 0; r < table_nrows(deps); r++)
        if (strcmp(table_text(deps, r, dep), code) == 0)
            return table_text(deps, r, reg);
    return NULL;
}

static int ages2013_build(ages2013 *a)
{
    static const char *const share[18] = {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9",
                                          "a10", "a11", "a12", "a13", "a14", "a15", "a16",
                                          "a17", "a18"};
    table_t *ages = glm_t_load("external-data/hackathon-2013/population_protegee/nb_2013.csv");
    table_t *deps = glm_t_load("external-data/departements.csv");
    static const char *const reg_name[1] = {"reg"};
    a->damir = glm_t_load(DAMIR2013);
    a->regions = table_new(1, reg_name);
    a->n = table_nrows(a->damir);
    a->names[0] = "(Intercept)";
    a->names[1] = "densite_medecins";
    memcpy(a->names + 2, share, sizeof share);
    int ok = ages && deps && a->n == 101;
    size_t code = ok ? (size_t)table_col_index(a->damir, "codep") : 0;
    for (size_t i = 0; ok && i < a->n; i++) {
        double sum[19], total = 0;
        const char *dep = table_text(a->damir, i, code), *reg = region_of(deps, dep);
        age_sums(ages, dep, sum);
        for (size_t k = 0; k < 19; k++)
            total += sum[k];
        ok = total > 0 && reg;
        a->x[i * 20] = 1;
        a->x[i * 20 + 1] = glm_t_col(a->damir, i, "densite_medecins");
        for (size_t k = 0; k < 18; k++)
            a->x[i * 20 + 2 + k] = sum[k] / total;
        a->y[i] = glm_t_col(a->damir, i, "nb_actes");
        a->off[i] = log(glm_t_col(a->damir, i, "pop_affiliee"));
        table_append_row(a->regions, &reg);
    }
    table_free(ages);
    table_free(deps);
    return ok;
}

static glm_data ages2013_data(const ages2013 *a)
{
    return (glm_data){.n = a->n, .p = 20, .x = a->x, .y = a->y, .offset = a->off,
                      .has_intercept = 1, .names = a->names, .response = "nb_actes"};
}

typedef struct ages_ref {
    double b[3], se[3], stat1, p1;   /* (Intercept), densite_medecins, a18 */
    double deviance, null_deviance, dispersion, aic, hc3, cr1, theta, theta_se;
    size_t iter;
} ages_ref;

/* The clustered (CR1, by region) covariance of f. */
static void ages_cluster(const ages2013 *a, const glm_data *d, const glm_fit *f, double *v)
{
    size_t rows[101];
    for (size_t i = 0; i < a->n; i++)
        rows[i] = i;
    cluster_ids ids;
    cluster_vcov_result res;
    memset(&res, 0, sizeof res);
    ds_err err;
    ds_err_clear(&err);
    CHECK(cluster_ids_from_table(a->regions, "reg", rows, a->n, &ids, &err) == DS_OK, "%s", err.msg);
    CHECK(ids.ngroups == 18, "%zu regions", ids.ngroups);
    CHECK(glm_vcov_cluster(d, f, &ids, 1, CLUSTER_CR1, v, &res, &err) == DS_OK, "%s", err.msg);
    cluster_vcov_result_free(&res);
    cluster_ids_free(&ids);
}

static glm_fit *fit_ages(const ages2013 *a, model_family fam)
{
    glm_data d = ages2013_data(a);
    glm_options opt;
    glm_options_default(&opt);
    opt.family = fam;
    glm_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(glm_fit_design(&d, &opt, &f, &err) == DS_OK, "%s", err.msg);
    return f;
}

static glm_fit *ages_check(const ages2013 *a, model_family fam, const ages_ref *r)
{
    glm_data d = ages2013_data(a);
    glm_fit *f = fit_ages(a, fam);
    if (!f)
        return NULL;
    static const size_t at[3] = {0, 1, 19};
    for (size_t k = 0; k < 3; k++) {
        CHECK_NEAR(f->coef[at[k]], r->b[k], 1e-8);
        CHECK_NEAR(sqrt(f->vcov[at[k] * 20 + at[k]]), r->se[k], 1e-8);
    }
    glm_coef c;
    glm_coef_at(f, f->vcov, 1, 0.95, glm_uses_t(f), &c);
    CHECK_NEAR(c.statistic, r->stat1, 1e-8);
    glm_t_check_p(c.p_value, r->p1);
    CHECK_NEAR(f->deviance, r->deviance, 1e-9);
    CHECK_NEAR(f->null_deviance, r->null_deviance, 1e-9);
    CHECK_NEAR(f->dispersion, r->dispersion, 1e-8);
    CHECK(isnan(r->aic) ? isnan(f->aic) : fabs(f->aic - r->aic) < 1e-9 * r->aic, "aic %.15g", f->aic);
    CHECK(f->iterations == r->iter, "%zu iterations", f->iterations);
    double v[400];
    glm_vcov_hc(&d, f, 3, v);
    CHECK_NEAR(sqrt(v[21]), r->hc3, 1e-8);
    ages_cluster(a, &d, f, v);
    CHECK_NEAR(sqrt(v[21]), r->cr1, 1e-8);
    if (!isnan(r->theta)) {
        CHECK_NEAR(f->theta, r->theta, 1e-6);
        CHECK_NEAR(f->theta_se, r->theta_se, 1e-6);
    }
    return f;
}

static void ages2013_free(ages2013 *a)
{
    table_free(a->damir);
    table_free(a->regions);
}

TEST(test_glm_2013_age_shares_match_r)
{
    static const ages_ref p2 = {
        .b = {-37.1630454920247, 0.00218097782101936, 11.7719744882016},
        .se = {0.189404756029281, 4.18727800565934e-06, 0.412228469001854},
        .stat1 = 520.858136973863, .p1 = 0,
        .deviance = 2532948.89795725, .null_deviance = 7359820.46651882, .dispersion = 1,
        .aic = 2534620.20694848, .hc3 = 0.000949816539668173, .cr1 = 0.000803469810923661,
        .theta = NAN, .iter = 5};
    static const ages_ref n2 = {
        .b = {-73.9202708557537, 0.000973714361437843, 102.870604479668},
        .se = {24.6920474923156, 0.000489894427979496, 50.6531052899643},
        .stat1 = 1.98760040087371, .p1 = 0.0468559019491628,
        .deviance = 101.185808885435, .null_deviance = 384.750581097964, .dispersion = 1,
        .aic = 2765.7261384239, .hc3 = 0.000768039878363173, .cr1 = 0.000608045295577427,
        .theta = 90.148584952449, .theta_se = 12.6632383360298, .iter = 1};
    ages2013 a;
    memset(&a, 0, sizeof a);
    CHECK(ages2013_build(&a), "2013 shares");
    glm_fit_free(ages_check(&a, MODEL_POISSON, &p2));
    glm_fit_free(ages_check(&a, MODEL_NEGBIN, &n2));
    ages2013_free(&a);
}

/* The joint Wald test of the 18 shares with covariance v (p-values to 1e-10 relative). */
static void check_wald(const ages2013 *a, const glm_fit *f, const double *v, double df2,
                       double stat, double p, double p_rel)
{
    size_t *idx = NULL, q = 0;
    wald_result w;
    ds_err err;
    ds_err_clear(&err);
    CHECK(wald_select(a->names, 20, "a*", &idx, &q, &err) == DS_OK, "%s", err.msg);
    CHECK(q == 18 && idx && idx[0] == 2 && idx[17] == 19, "%zu shares", q);
    CHECK(wald_test(f->coef, v, 20, idx, q, df2, &w, &err) == DS_OK, "%s", err.msg);
    CHECK(w.is_f == isfinite(df2) && w.df1 == 18, "F or chi2 on 18 df");
    CHECK_NEAR(w.statistic, stat, 1e-11);
    CHECK_NEAR(w.p_value, p, p_rel);
    free(idx);
}

TEST(test_wald_joint_test_of_18_age_shares_matches_linear_hypothesis)
{
    static const ages_ref q2 = {
        .b = {-37.1630454920247, 0.00218097782101936, 11.7719744882016},
        .se = {33.0119222679472, 0.000729813226103684, 71.848534644084},
        .stat1 = 2.98840544814887, .p1 = 0.00371113393383731,
        .deviance = 2532948.89795725, .null_deviance = 7359820.46651882,
        .dispersion = 30378.0482392424, .aic = NAN, .hc3 = 0.000949816539638037,
        .cr1 = 0.00080346981091043, .theta = NAN, .iter = 5};
    ages2013 a;
    memset(&a, 0, sizeof a);
    CHECK(ages2013_build(&a), "2013 shares");
    glm_data d = ages2013_data(&a);
    double v[400];
    glm_fit *f = ages_check(&a, MODEL_QUASIPOISSON, &q2);
    if (f) {
        check_wald(&a, f, f->vcov, f->df_residual, 7.47432774414081, 6.55701659825943e-11, 1e-10);
        glm_vcov_hc(&d, f, 3, v);
        check_wald(&a, f, v, f->df_residual, 2.9606581980371241, 0.000450355281181607, 1e-10);
        ages_cluster(&a, &d, f, v);
        size_t *idx = NULL, q = 0;
        wald_result w;
        ds_err err;
        ds_err_clear(&err);
        wald_select(a.names, 20, "a*", &idx, &q, &err);
        CHECK(wald_test(f->coef, v, 20, idx, q, f->df_residual, &w, &err) == DS_EDATA,
              "rank-deficient clustered covariance accepted");
        CHECK(strstr(err.msg, "has rank 17: at most 17 restrictions") != NULL, "%s", err.msg);
        free(idx);
    }
    glm_fit_free(f);
    f = fit_ages(&a, MODEL_NEGBIN);
    if (f) {
        check_wald(&a, f, f->vcov, INFINITY, 321.282857877811, 1.98468619379474e-57, 1e-10);
        glm_vcov_hc(&d, f, 0, v);
        /* p near 1e-57 moves W/2 = 160 times the statistic's relative error (1.9e-12) */
        check_wald(&a, f, v, INFINITY, 321.81923900491288559, 1.53807083524982e-57, 1e-9);
    }
    glm_fit_free(f);
    ages2013_free(&a);
}

TEST(test_wald_select_names_what_it_cannot_find)
{
    static const char *const names[4] = {"(Intercept)", "x", "share_a", "share_b"};
    size_t *idx = NULL, q = 0;
    ds_err err;
    ds_err_clear(&err);
    CHECK(wald_select(names, 4, " share_*, x ", &idx, &q, &err) == DS_OK && q == 3 &&
          idx[0] == 1 && idx[2] == 3, "%s", err.msg);
    free(idx);
    ds_err_clear(&err);
    CHECK(wald_select(names, 4, "age_*", &idx, &q, &err) == DS_EUSAGE, "unknown prefix");
    CHECK_STR(err.msg, "--test: no term of the model is 'age_*'");
    ds_err_clear(&err);
    CHECK(wald_select(names, 4, "shar", &idx, &q, &err) == DS_EUSAGE, "unknown name");
    CHECK_STR(err.msg, "--test: no term of the model is 'shar' (a prefix ends with '*')");
    ds_err_clear(&err);
    CHECK(wald_select(names, 4, " , ", &idx, &q, &err) == DS_EUSAGE, "empty list");
}
