/* model with --family: the count models through model_fit_formula (offset expression, prior
 * weights, HC covariance, --test, --exp), the per-row diagnostics R's residuals.glm,
 * rstandard.glm and cooks.distance.glm give, and the refusals of the options.
 * R 4.2.2 on tests/fixtures/glm/counts.csv (see tests/test_glm.c for how it was made):
 *   d <- read.csv("tests/fixtures/glm/counts.csv")
 *   q <- glm(y ~ x1 + x2, quasipoisson, d, offset = log(pop))
 *   n <- glm.nb(y ~ x1 + x2 + offset(log(pop)), d)
 *   residuals(m, "deviance")[c(1, 4, 60)]; rstandard(m)[c(1, 4, 60)];
 *   cooks.distance(m)[c(1, 4, 60)]; BIC(n)
 *   linearHypothesis(q, c("x1", "x2"), test = "F", vcov. = vcovHC(q, "HC3"))
 *   linearHypothesis(n, c("x1", "x2")); exp(coef(n)); exp(confint.default(n)) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/glm.h"
#include "damirstat/model.h"
#include "damirstat/report.h"
#include "damirstat/table.h"
#include "t.h"

static table_t *counts(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/glm/counts.csv", t_root());
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    return t;
}

static model_fit *fit_counts(const table_t *t, model_family fam, model_se se, const char *test)
{
    model_options opt;
    model_options_default(&opt);
    opt.family = fam;
    opt.offset = "log(pop)";
    opt.se = se;
    opt.test = test;
    opt.exp = 1;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(model_fit_formula(t, "y ~ x1 + x2", &opt, &f, &err) == DS_OK, "%s", err.msg);
    return f;
}

static void check_rows(const model_fit *f, const double *dev, const double *rstd,
                       const double *cook)
{
    static const size_t at[3] = {0, 3, 59};
    for (int k = 0; k < 3; k++) {
        CHECK(f->rows[at[k]] == at[k], "row %zu", f->rows[at[k]]);
        CHECK_NEAR(f->residuals[at[k]], dev[k], 1e-9);
        CHECK_NEAR(f->std_residuals[at[k]], rstd[k], 1e-9);
        CHECK_NEAR(f->cooks_distance[at[k]], cook[k], 1e-9);
    }
}

TEST(test_model_glm_quasipoisson_rows_and_robust_test_match_r)
{
    static const double dev[3] = {-0.16521761600121, -2.34694930638966, 0.916741945564143};
    static const double rstd[3] = {-0.0898976098932289, -1.28724070545, 0.49848380696691};
    static const double cook[3] = {3.12135647237481e-05, 0.00786660360395755,
                                   0.00107671376688907};
    table_t *t = counts();
    model_fit *f = t ? fit_counts(t, MODEL_QUASIPOISSON, MODEL_SE_HC3, "x1, x2") : NULL;
    if (f) {
        CHECK(f->glm && f->n == 60 && f->family == MODEL_QUASIPOISSON, "a count model fit");
        CHECK_NEAR(f->terms[1].std_error, 0.0820470671864594, 1e-9); /* vcovHC(q, "HC3") */
        check_rows(f, dev, rstd, cook);
        CHECK(f->test_is_f && f->test_q == 2 && f->test_df2 == 57, "F on 2 and 57");
        CHECK_NEAR(f->test_statistic, 13.4429542160013, 1e-9);
        CHECK_NEAR(f->test_p_value, 1.64928816973273e-05, 1e-9);
        CHECK(isnan(f->aic) && isnan(f->bic) && isnan(f->sigma), "no likelihood");
    }
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_glm_negbin_rows_test_and_rate_ratios_match_r)
{
    static const double dev[3] = {-0.185432425579593, -2.1061181890916, 0.584492986254845};
    static const double rstd[3] = {-0.18841178086292, -2.14970243350088, 0.589549912696013};
    static const double cook[3] = {0.000353029436332843, 0.0242027957700579,
                                   0.00249400043103809};
    static const double rr[3] = {0.00263850658396451, 1.47505015601151, 1.04329012652478};
    static const double lo[3] = {0.00217513203838618, 1.23537082681733, 0.701980036359016};
    static const double hi[3] = {0.00320059512285482, 1.76123064873969, 1.55054877877955};
    table_t *t = counts();
    model_fit *f = t ? fit_counts(t, MODEL_NEGBIN, MODEL_SE_CLASSICAL, "x*") : NULL;
    if (f) {
        check_rows(f, dev, rstd, cook);
        CHECK(!f->test_is_f && f->test_q == 2, "chi-squared on 2");
        CHECK_NEAR(f->test_statistic, 18.4581918604237, 1e-9);
        CHECK_NEAR(f->test_p_value, 9.8141923277323e-05, 1e-9);
        CHECK_NEAR(f->bic, 349.394074153638, 1e-9);
        for (int j = 0; j < 3; j++) {
            CHECK_NEAR(exp(f->terms[j].estimate), rr[j], 1e-9);
            CHECK_NEAR(exp(f->terms[j].ci_low), lo[j], 1e-9);
            CHECK_NEAR(exp(f->terms[j].ci_high), hi[j], 1e-9);
        }
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        ds_err err;
        ds_err_clear(&err);
        CHECK(report_fit_json(f, fp, &err) == DS_OK, "%s", err.msg);
        fclose(fp);
        CHECK(strstr(buf, "\"exp_estimate\":0.00263850658396") &&
              strstr(buf, "\"family\":\"negbin\",\"offset\":\"log(pop)\"") &&
              strstr(buf, "\"theta\":3.68720778700") &&
              strstr(buf, "\"test\":{\"terms\":\"x*\",\"q\":2,\"distribution\":\"chisq\""),
              "JSON: %s", buf);
        free(buf);
    }
    model_fit_free(f);
    table_free(t);
}

static int fit_buffer(const char *csv, const model_options *opt, ds_err *err)
{
    table_t *t = NULL;
    ds_err_clear(err);
    int rc = table_load_buffer("exposure.csv", csv, strlen(csv), &t, err);
    model_fit *f = NULL;
    if (rc == DS_OK)
        rc = model_fit_formula(t, "y ~ x", opt, &f, err);
    model_fit_free(f);
    table_free(t);
    return rc;
}

TEST(test_model_glm_zero_exposure_is_an_error_naming_the_line)
{
    static const char csv[] = "x,y,pop\n1,3,100\n2,5,0\n3,9,120\n4,12,160\n5,15,90\n";
    model_options opt;
    model_options_default(&opt);
    opt.family = MODEL_POISSON;
    opt.offset = "log(pop)";
    ds_err err;
    CHECK(fit_buffer(csv, &opt, &err) == DS_EDATA, "log(0) accepted");
    CHECK_STR(err.msg, "exposure.csv:3: the offset log(pop) is not defined (pop = 0): an "
                       "exposure under log() must be > 0");
    opt.family = MODEL_GAUSSIAN;
    CHECK(fit_buffer(csv, &opt, &err) == DS_EUSAGE, "--offset without a family accepted");
    CHECK_STR(err.msg, "--offset needs a count model: --family poisson, quasipoisson or negbin");
    opt.offset = NULL;
    opt.family = MODEL_NEGBIN;
    opt.method = MODEL_HUBER;
    CHECK(fit_buffer(csv, &opt, &err) == DS_EUSAGE, "huber negbin accepted");
}

TEST(test_model_glm_missing_exposure_drops_the_row)
{
    static const char csv[] = "x,y,pop\n1,3,100\n2,5,NA\n3,9,120\n4,12,160\n5,15,90\n6,4,80\n";
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load_buffer("e.csv", csv, strlen(csv), &t, &err) == DS_OK, "%s", err.msg);
    model_options opt;
    model_options_default(&opt);
    opt.family = MODEL_QUASIPOISSON;
    opt.offset = "log(pop)";
    model_fit *f = NULL;
    CHECK(model_fit_formula(t, "y ~ x", &opt, &f, &err) == DS_OK, "%s", err.msg);
    CHECK(f && f->n == 5 && f->n_dropped == 1, "n %zu, dropped %zu", f ? f->n : 0,
          f ? f->n_dropped : 0);
    model_fit_free(f);
    table_free(t);
}

/* --cluster g on a count model: CR1 = sandwich::vcovCL(m, cluster = ~g, type = "HC1") on the
 * glm (R 4.2.2, sandwich 3.0-2; the references of tests/test_glm.c): 0.07622765539234,
 * 0.0699951097595693, 0.308909383048567 for the Poisson fit; z tests (coeftest on a glm);
 * With y2 = y but 0 in group g12, y2 ~ x1 + x2 + factor(g) by g: factor(g)g12 is separated,
 * its 5 rows leave the fit and the clustering (11 groups), and x1, x2 are R's fit without
 * them: e <- subset(d, g != "g12"); m <- glm(y ~ x1 + x2 + factor(g), poisson, e,
 * offset = log(pop)); coef(m)[2:3] = 0.402222718430199, 0.0749301167567211;
 * sqrt(diag(vcovCL(m, ~g, type = "HC1")))[2:3] = 0.0993302403953514, 0.351237975436532. */
TEST(test_model_glm_cr1_by_cluster_matches_vcovcl)
{
    static const double se[3] = {0.07622765539234, 0.0699951097595693, 0.308909383048567};
    table_t *t = counts();
    model_options opt;
    model_options_default(&opt);
    opt.family = MODEL_POISSON;
    opt.offset = "log(pop)";
    opt.cluster[0] = "g";
    opt.ncluster = 1;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(t && model_fit_formula(t, "y ~ x1 + x2", &opt, &f, &err) == DS_OK, "%s", err.msg);
    for (size_t j = 0; f && j < 3; j++) {
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-9);
        CHECK(isinf(f->terms[j].df), "z test");
    }
    CHECK(f && f->se == MODEL_SE_CR1 && f->cluster_groups[0] == 12 && f->cluster_k == 3,
          "CR1 over 12 groups, k 3");
    CHECK(f && fabs(f->cluster_adjustment - 12.0 / 11 * 59 / 57) < 1e-12, "G/(G-1) (n-1)/(n-k)");
    model_fit_free(f);
    f = NULL;
    double y2[60];
    size_t gcol = t ? (size_t)table_col_index(t, "g") : 0, ycol = t ? (size_t)table_col_index(t, "y") : 0;
    for (size_t i = 0; t && i < 60; i++)
        y2[i] = strcmp(table_text(t, i, gcol), "g12") == 0 ? 0 : table_num(t, i, ycol);
    CHECK(t && table_add_number_column(t, "y2", y2, 60, &err) == DS_OK, "%s", err.msg);
    CHECK(t && model_fit_formula(t, "y2 ~ x1 + x2 + factor(g)", &opt, &f, &err) == DS_OK,
          "%s", err.msg);
    if (f) {
        CHECK(f->n == 55 && f->glm->n_separated == 5 && f->cluster_groups[0] == 11,
              "n %zu, groups %zu", f->n, f->cluster_groups[0]);
        CHECK_NEAR(f->terms[1].estimate, 0.402222718430199, 1e-9);
        CHECK_NEAR(f->terms[2].estimate, 0.0749301167567211, 1e-9);
        CHECK_NEAR(f->terms[1].std_error, 0.0993302403953514, 1e-9);
        CHECK_NEAR(f->terms[2].std_error, 0.351237975436532, 1e-9);
    }
    model_fit_free(f);
    opt.se = MODEL_SE_CR2;
    CHECK(t && model_fit_formula(t, "y ~ x1 + x2", &opt, &f, &err) == DS_EUSAGE, "CR2 accepted");
    table_free(t);
}
