/* report: the JSON contract (key order, 17 digits, null for NAN and infinity, escaped
 * names), TSV's NA, and the residuals CSV, on a fit built by hand. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/report.h"
#include "t.h"

static model_term terms[2] = {
    {"(Intercept)", 0, 0.1, 0.5, 0.2, 0.84, -1, 1.2, 1},
    {"I(\"q\"\\x)", 1, NAN, NAN, NAN, NAN, NAN, NAN, NAN},
};
static size_t rows[2] = {0, 4};
static double fitted[2] = {1.5, 2.5}, resid[2] = {-0.5, 1.0 / 3}, stdres[2] = {NAN, 1},
              lev[2] = {1, 0.25}, cooks[2] = {NAN, 2};

static model_fit sample_fit(void)
{
    model_fit f;
    memset(&f, 0, sizeof f);
    f.formula = (char *)"y ~ x";
    f.response = (char *)"y";
    f.n = 2;
    f.n_dropped = 3;
    f.p = 2;
    f.rank = 1;
    f.df_residual = 1;
    f.sigma = 0.1;
    f.r_squared = 1;
    f.adj_r_squared = NAN;
    f.f_statistic = INFINITY;
    f.f_p_value = 0;
    f.log_likelihood = -INFINITY;
    f.aic = 1e300;
    f.bic = -2.5;
    f.condition_number = 3;
    f.level = 0.9;
    f.se = MODEL_SE_HC1;
    f.terms = terms;
    f.rows = rows;
    f.fitted = fitted;
    f.residuals = resid;
    f.std_residuals = stdres;
    f.leverage = lev;
    f.cooks_distance = cooks;
    return f;
}

/* Runs a writer into a memory buffer (caller frees). */
static char *capture(int (*write)(const model_fit *, FILE *, ds_err *), const model_fit *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ds_err err;
    ds_err_clear(&err);
    CHECK(write(f, fp, &err) == 0, "%s", err.msg);
    fclose(fp);
    return buf;
}

TEST(test_report_json_contract)
{
    model_fit f = sample_fit();
    char *s = capture(report_fit_json, &f);
    CHECK_STR(s, "{\"schema\":\"damirstat.fit/1\",\"n\":2,\"df_residual\":1,"
                 "\"sigma\":0.10000000000000001,\"r_squared\":1,"
                 "\"adj_r_squared\":null,\"f_statistic\":null,\"f_p_value\":0,"
                 "\"log_likelihood\":null,\"aic\":1.0000000000000001e+300,\"bic\":-2.5,"
                 "\"coefficients\":[{\"term\":\"(Intercept)\",\"estimate\":0.10000000000000001,"
                 "\"std_error\":0.5,\"t_value\":0.20000000000000001,\"p_value\":0.83999999999999997,"
                 "\"ci_low\":-1,\"ci_high\":1.2},{\"term\":\"I(\\\"q\\\"\\\\x)\",\"estimate\":null,"
                 "\"std_error\":null,\"t_value\":null,\"p_value\":null,\"ci_low\":null,"
                 "\"ci_high\":null}],\"n_dropped\":3,\"n_zero_weight\":0,\"method\":\"ols\",\"se_type\":\"hc1\","
                 "\"level\":0.90000000000000002,\"condition_number\":3,"
                 "\"aliased\":[\"I(\\\"q\\\"\\\\x)\"],\"formula\":\"y ~ x\",\"response\":\"y\"}\n");
    free(s);
}

TEST(test_report_tsv_writes_na)
{
    model_fit f = sample_fit();
    char *s = capture(report_fit_tsv, &f);
    CHECK_STR(s, "term\testimate\tstd_error\tt_value\tp_value\tci_low\tci_high\n"
                 "(Intercept)\t0.10000000000000001\t0.5\t0.20000000000000001\t"
                 "0.83999999999999997\t-1\t1.2\n"
                 "I(\"q\"\\x)\tNA\tNA\tNA\tNA\tNA\tNA\n");
    free(s);
}

TEST(test_report_residuals_csv_and_influential_rows)
{
    model_fit f = sample_fit();
    const char *labels[] = {"2A", "a,b"};
    report_labels lab = {labels, "dept"};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ds_err err;
    ds_err_clear(&err);
    CHECK(report_fit_residuals(&f, &lab, fp, &err) == 0, "%s", err.msg);
    fclose(fp);
    CHECK_STR(buf, "dept,fitted,residual,std_residual,leverage,cooks_distance\n"
                   "2A,1.5,-0.5,NA,1,NA\n"
                   "\"a,b\",2.5,0.33333333333333331,1,0.25,2\n");
    free(buf);
    size_t *idx, k = report_influential(&f, &idx); /* 4/n = 2: only Cook's D > 2 counts */
    CHECK(k == 0, "none above 4/n, got %zu", k);
    free(idx);
    cooks[1] = 2.5;
    k = report_influential(&f, &idx);
    CHECK(k == 1 && idx[0] == 1, "row 1 above 4/n");
    free(idx);
    cooks[1] = 2;
}
