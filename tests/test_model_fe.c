/* model_fit_formula with factor(), interactions, absorbed fixed effects, clustered standard
 * errors and the wild bootstrap, against R 4.2 (the R code beside each value).
 *
 * d13: the hackathon's 2013 table joined to external-data/departements.csv (the R script):
 *   library(sandwich); library(clubSandwich)
 *   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
 *   g <- read.csv("external-data/departements.csv", colClasses = c(dep = "character"))
 *   d <- merge(d, g, by.x = "codep", by.y = "dep")        # 101 rows, reg_2016 an integer
 * panel: tests/fixtures/cluster/panel-fe.csv (its R code in tests/fixtures/cluster/SOURCE.md),
 *   d <- read.csv("tests/fixtures/cluster/panel-fe.csv")  # reg read as integer: 084 = 84 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/join.h"
#include "damirstat/model.h"
#include "damirstat/table.h"
#include "t.h"

static table_t *load_d13(void)
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/external-data/hackathon-2013/damir2013_2.csv", t_root());
    snprintf(b, sizeof b, "%s/external-data/departements.csv", t_root());
    table_t *l = NULL, *r = NULL, *t = NULL;
    join_result jr = {0};
    join_options o = {.left_key = "codep", .right_key = "dep", .how = JOIN_INNER};
    if (!table_load(a, &l, NULL) && !table_load(b, &r, NULL) && !join_tables(l, r, &o, &jr, NULL)) {
        t = jr.table;
        jr.table = NULL;
    }
    join_result_free(&jr);
    table_free(l);
    table_free(r);
    return t;
}

static table_t *load_panel(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/cluster/panel-fe.csv", t_root());
    table_t *t = NULL;
    return table_load(path, &t, NULL) ? NULL : t;
}

/* Default options clustered by c1 (and c2 when not NULL). */
static void clustered(model_options *o, const char *c1, const char *c2)
{
    model_options_default(o);
    o->cluster[0] = c1;
    o->cluster[1] = c2;
    o->ncluster = c2 ? 2 : 1;
}

static model_fit *fit(const table_t *t, const char *formula, const model_options *opt)
{
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (model_fit_formula(t, formula, opt, &f, &err))
        fprintf(stderr, "%s: %s\n", formula, err.msg);
    return f;
}

TEST(test_model_factor_regions_match_lm_and_vcovcl)
{
    /* m <- lm(acte_affilies ~ densite_medecins + factor(reg_2016), data = d)
     * coef(m); summary(m)$coefficients[, 2]; sqrt(diag(vcovCL(m, cluster = ~reg_2016,
     * type = "HC1")))  (k = 19: every coefficient, as vcovCL and as fixest count regressors
     * written as factor()); 2 * pt(abs(t), 17, lower.tail = FALSE) for the slope */
    static const double coef[19] = {2.7288717756049117, 0.0029630916439466414, -0.050430996992830997, -1.0182347692672693, 0.54160358476212322, -2.4065265669388145, 0.15568595822847506, 0.62135835552134766, 0.81433426357811778, 0.64310991714109034, 1.6500345155371139, 1.3989679591298509, 0.63873689615301799, 0.76330745434379543, 1.1079579668111008, 1.1412895549774473, 0.36459882165342949, 0.79436192325674981, 0.74937550065078473};
    static const double se[19] = {0.39832738584972033, 0.0016835297570063151, 0.483796479178983, 0.4911780038102066, 0.48657587949613168, 0.48664588143032389, 0.36565898254195806, 0.37337400575376667, 0.37292228584066806, 0.38074648682976903, 0.37996872410167909, 0.36914855916053591, 0.38035030666683867, 0.40093941267726757, 0.38197131234951465, 0.38460056522073366, 0.37043619080003087, 0.40282780008176916, 0.43874925694263645};
    static const double cr1[19] = {0.40059309445905195, 0.0033021209250735368, 0.024334232454073425, 0.16816554493777028, 0.10472940495536193, 0.1059733351786158, 0.090626943316196307, 0.10677620702256502, 0.16985782485429854, 0.13338884692749536, 0.12456471377943773, 0.17125006254197456, 0.12896718103325919, 0.23668920643725605, 0.27180794114834178, 0.29071954163605879, 0.20121955379066667, 0.31520802858287583, 0.25628035911717612};
    static const char *const names[4] = {"(Intercept)", "densite_medecins", "factor(reg_2016)2",
                                         "factor(reg_2016)3"};
    table_t *t = load_d13();
    CHECK(t != NULL, "d13");
    model_options o;
    model_options_default(&o);
    const char *formula = "acte_affilies ~ densite_medecins + factor(reg_2016)";
    model_fit *f = fit(t, formula, &o);
    CHECK(f && f->p == 19 && f->df_residual == 82, "p %zu", f ? f->p : 0);
    for (size_t j = 0; f && j < 19; j++) {
        CHECK_NEAR(f->terms[j].estimate, coef[j], 1e-9);
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-9);
    }
    for (size_t j = 0; f && j < 4; j++)
        CHECK_STR(f->terms[j].name, names[j]);
    CHECK(f && strcmp(f->terms[18].name, "factor(reg_2016)94") == 0, "last level 94");
    /* summary(m): r.squared, adj.r.squared, fstatistic, sigma */
    CHECK_NEAR(f->r_squared, 0.78912296754016642, 1e-10);
    CHECK_NEAR(f->f_statistic, 17.047344970955152, 1e-10);
    model_fit_free(f);
    clustered(&o, "reg_2016", NULL);
    f = fit(t, formula, &o);
    CHECK(f && f->se == MODEL_SE_CR1 && f->cluster_groups[0] == 18 && f->cluster_k == 19, "cr1");
    for (size_t j = 0; f && j < 19; j++) {
        CHECK_NEAR(f->terms[j].std_error, cr1[j], 1e-9);
        CHECK(f->terms[j].df == 17, "df %g", f->terms[j].df);
    }
    CHECK_NEAR(f->terms[1].p_value, 0.38207538450918399, 1e-10);
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_factor_ref_is_relevel)
{
    /* m2 <- lm(acte_affilies ~ densite_medecins + relevel(factor(reg_2016), ref = "84"), d)
     * coef(m2)[1:4]: the baseline 84, then levels 1 and 2 */
    table_t *t = load_d13();
    model_options o;
    model_options_default(&o);
    model_fit *f = fit(t, "acte_affilies ~ densite_medecins + factor(reg_2016, ref = \"84\")", &o);
    CHECK(f != NULL, "fit");
    const double want[4] = {3.0934705972583392, 0.0029630916439466418, -0.36459882165342883,
                            -0.41502981864625965};
    for (size_t j = 0; f && j < 4; j++)
        CHECK_NEAR(f->terms[j].estimate, want[j], 1e-9);
    CHECK(f && strcmp(f->terms[2].name, "factor(reg_2016)1") == 0, "%s", f->terms[2].name);
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_interactions_match_lm)
{
    /* m <- lm(y ~ x * factor(year), data = d); coef(m); summary(m)$coefficients[, 2]
     * m3 <- lm(y ~ x + x:factor(year), data = d); coef(m3) (no main effect of the factor:
     * an indicator a level, R's x:factor(year)2016 … with 2015 the baseline of x itself) */
    static const double coef[12] = {-0.69202041661175917, 0.89534042853592977, 3.7291897388304087, 3.8847648844207172, 2.2784307932468799, 2.9502756918541126, 3.2135668606526444, -0.81371783171344148, -0.73942438353154671, -0.39707857552285664, -0.25846260898994999, -0.77585238262300138};
    static const double se[12] = {0.74175163406708777, 0.57498755990213668, 0.97095887834918959, 1.1565206521100864, 1.1814716442942006, 1.1743548299910636, 1.1851195048988483, 0.65668482657021121, 0.792412238246887, 0.74773402256036292, 0.6946526455012042, 0.6990162743449001};
    static const double coef3[7] = {1.9670519297947471, 0.52052680441846877, -0.37388257187088197, 0.19373107985796717, -0.17302791238813464, 0.20738915198581714, -0.23210798807068275};
    table_t *t = load_panel();
    model_options o;
    model_options_default(&o);
    model_fit *f = fit(t, "y ~ x * factor(year)", &o);
    CHECK(f && f->p == 12, "p");
    for (size_t j = 0; f && j < 12; j++) {
        CHECK_NEAR(f->terms[j].estimate, coef[j], 1e-9);
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-9);
    }
    CHECK(f && strcmp(f->terms[7].name, "x:factor(year)2016") == 0, "%s", f->terms[7].name);
    model_fit_free(f);
    f = fit(t, "y ~ x + x:factor(year)", &o);
    CHECK(f && f->p == 7, "p");
    for (size_t j = 0; f && j < 7; j++)
        CHECK_NEAR(f->terms[j].estimate, coef3[j], 1e-9);
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_two_way_clusters_use_the_smaller_count)
{
    /* m2 <- lm(y ~ x + z, data = d); n <- 64
     * v2 <- vcovCL(m2, cluster = ~reg + year, type = "HC0", cadjust = FALSE) * 6/5 * (n-1)/(n-3)
     * (fixest's cluster.df = "min": one factor with G = min(13, 6)); p on 5 df */
    table_t *t = load_panel();
    model_options o;
    clustered(&o, "reg", "year");
    model_fit *f = fit(t, "y ~ x + z", &o);
    const double se[3] = {0.67894520974325689, 0.27800595853812793, 0.72163663068736084};
    const double p[3] = {0.014928630384329013, 0.1889675064994312, 0.30229042244403148};
    CHECK(f && f->cluster_groups[0] == 13 && f->cluster_groups[1] == 6, "groups");
    for (size_t j = 0; f && j < 3; j++) {
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-9);
        CHECK_NEAR(f->terms[j].p_value, p[j], 1e-9);
        CHECK(f->terms[j].df == 5, "df");
    }
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_absorbed_effects_match_the_dummies)
{
    /* m4 <- lm(y ~ x + z + factor(reg), d); sqrt(diag(vcovHC(m4, type = "HC3")))[2:3] and
     * "HC1"; m5 <- lm(y ~ x + z + factor(reg) + factor(year), d): HC3, and rstandard,
     * cooks.distance, hatvalues of rows 1..3 (the fixed effects' share of each leverage) */
    table_t *t = load_panel();
    model_options o;
    model_options_default(&o);
    o.se = MODEL_SE_HC3;
    model_fit *f = fit(t, "y ~ x + z | reg", &o);
    CHECK(f && f->p == 2 && f->nfe == 1 && f->fe_parameters == 13, "one FE");
    CHECK_NEAR(f->terms[0].std_error, 0.31171510669076008, 1e-9);
    CHECK_NEAR(f->terms[1].std_error, 1.1173895381621259, 1e-9);
    model_fit_free(f);
    o.se = MODEL_SE_HC1;
    f = fit(t, "y ~ x + z | reg", &o);
    CHECK_NEAR(f->terms[0].std_error, 0.26831127207593286, 1e-9);
    CHECK_NEAR(f->terms[1].std_error, 0.94974243504348854, 1e-9);
    model_fit_free(f);
    o.se = MODEL_SE_HC3;
    f = fit(t, "y ~ x + z | reg + year", &o);
    CHECK(f && f->fe_parameters == 18 && f->df_residual == 44, "two FE");
    CHECK_NEAR(f->terms[0].std_error, 0.27822518571643318, 1e-9);
    CHECK_NEAR(f->terms[1].std_error, 1.294400780312934, 1e-9);
    const double rs[3] = {-0.38710527360960811, -1.5512348432348178, 0.81729819642258938};
    const double ck[3] = {0.0039314830714220275, 0.0669210173698703, 0.01731188753396478};
    const double h[3] = {0.34414219333214119, 0.3574124809529004, 0.34138526887068371};
    for (size_t i = 0; f && i < 3; i++) {
        CHECK_NEAR(f->std_residuals[i], rs[i], 1e-9);
        CHECK_NEAR(f->cooks_distance[i], ck[i], 1e-9);
        CHECK_NEAR(f->leverage[i], h[i], 1e-9);
    }
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_region_effects_2013_cr1_cr2_wild)
{
    /* What fixest gives for feols(acte_affilies ~ densite_medecins | reg_2016, cluster =
     * ~reg_2016) (not installed: its defaults by hand with lm + dummies, K = 1 slope + 1 for
     * the nested fixed effect, t on G − 1 = 17 df):
     *   m <- lm(acte_affilies ~ densite_medecins + factor(reg_2016), data = d)
     *   v1 <- vcovCL(m, cluster = ~reg_2016, type = "HC0", cadjust = FALSE) * 18/17 * 100/99
     *   se1 <- sqrt(v1[2, 2]); 2 * pt(abs(coef(m)[2] / se1), 17, lower.tail = FALSE)
     *   coef(m)[2] + c(-1, 1) * qt(0.975, 17) * se1
     *   V <- vcovCR(m, cluster = d$reg_2016, type = "CR2")
     *   coef_test(m, vcov = V, test = "Satterthwaite")[2, ]     # SE, df_Satt, p_Satt
     * The wild bootstrap agrees with the independent R reference of tests/test_fe.c within
     * Monte Carlo error (p 0.357784 at B = 99999); here: the same seed, the same bytes. */
    table_t *t = load_d13();
    model_options o;
    clustered(&o, "reg_2016", NULL);
    const char *formula = "acte_affilies ~ densite_medecins | reg_2016";
    model_fit *f = fit(t, formula, &o);
    CHECK(f && f->p == 1 && f->cluster_k == 2 && f->fe_singletons == 5, "fit");
    CHECK_NEAR(f->terms[0].estimate, 0.0029630916439466414, 1e-9);
    CHECK_NEAR(f->terms[0].std_error, 0.0030052617383991426, 1e-9);
    CHECK_NEAR(f->terms[0].p_value, 0.33797485466646737, 1e-10);
    CHECK_NEAR(f->terms[0].ci_low, -0.0033774563871943031, 1e-9);
    CHECK_NEAR(f->terms[0].ci_high, 0.0093036396750875855, 1e-9);
    CHECK_NEAR(f->r_squared, 0.78912296754016642, 1e-10); /* that of lm with the dummies */
    model_fit_free(f);
    o.se = MODEL_SE_CR2;
    f = fit(t, formula, &o);
    CHECK_NEAR(f->terms[0].std_error, 0.0031280505845020148, 1e-9);
    CHECK_NEAR(f->terms[0].df, 7.90872143859192, 1e-9);
    CHECK_NEAR(f->terms[0].p_value, 0.37154416492143993, 1e-9);
    model_fit_free(f);
    o.se = MODEL_SE_CR1;
    o.wild_bootstrap = 9999;
    o.seed = 1;
    model_fit *a = fit(t, formula, &o), *b = fit(t, formula, &o);
    CHECK(a && b && a->wild && b->wild, "wild");
    CHECK(a->wild->p_value == b->wild->p_value && a->wild->ci_low == b->wild->ci_low &&
          a->wild->ci_high == b->wild->ci_high, "same seed, same result");
    double p = 0.357784, mc = 4 * sqrt(p * (1 - p) * (1.0 / 9999 + 1.0 / 99999));
    CHECK(fabs(a->wild->p_value - p) <= mc, "p %g", a->wild->p_value);
    CHECK(strcmp(a->wild->term, "densite_medecins") == 0 && a->wild->reps == 9999, "term");
    model_fit_free(a);
    model_fit_free(b);
    table_free(t);
}

TEST(test_model_fe_and_cluster_bad_input)
{
    static const char csv[] = "y,x,g,one,reg,dep\n1,1,a,k,11,1\n3,2,a,k,11,01\n2,3,b,k,24,001\n"
                              "5,4,b,k,24,02\n4,6,c,k,27,2\n6,5,c,k,27,03\n";
    table_t *t;
    CHECK(table_load_buffer("bad.csv", csv, sizeof csv - 1, &t, NULL) == 0, "data");
    static const struct {
        const char *formula, *cluster, *cluster2;
        model_se se;
        size_t wild;
        int rc;
        const char *msg;
    } cases[] = {
        {"y ~ x + factor(one)", NULL, NULL, MODEL_SE_CLASSICAL, 0, DS_EDATA,
         "factor(one) has one level (\"k\") on the 6 rows used"},
        {"y ~ x | g", NULL, NULL, MODEL_SE_CLASSICAL, 0, DS_OK, NULL},
        {"y ~ reg | g", NULL, NULL, MODEL_SE_CLASSICAL, 0, DS_EDATA,
         "term 'reg' is absorbed by the fixed effect g"},
        {"y ~ x", "one", NULL, MODEL_SE_CLASSICAL, 0, DS_EDATA,
         "cluster column 'one' has one group (\"k\")"},
        {"y ~ x:nope", NULL, NULL, MODEL_SE_CLASSICAL, 0, DS_EDATA, "no column 'nope'"},
        {"y ~ x", NULL, NULL, MODEL_SE_CR2, 0, DS_EUSAGE, "--se cr2 needs --cluster COL"},
        {"y ~ x", "g", "reg", MODEL_SE_CR1, 9, DS_EUSAGE, "--wild-bootstrap needs one --cluster"},
        {"y ~ x", "g", NULL, MODEL_SE_HC3, 0, DS_EUSAGE, "does not go with --se hc3"},
        {"y ~ x | g", "reg", NULL, MODEL_SE_CR2, 0, DS_OK, NULL},
        {"y ~ x | reg", "dep", NULL, MODEL_SE_CR2, 0, DS_EDATA,
         "fixed effect 'reg', which is not nested within the clusters 'dep'"},
        {"y ~ x", "nope", NULL, MODEL_SE_CLASSICAL, 0, DS_EDATA, "no cluster column 'nope'"},
        {"y ~ x | g", NULL, NULL, MODEL_SE_CLASSICAL, 0, DS_OK, NULL},
        {"y ~ x", "dep", NULL, MODEL_SE_CLASSICAL, 0, DS_OK, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_options o;
        model_options_default(&o);
        o.se = cases[i].se;
        o.cluster[0] = cases[i].cluster;
        o.cluster[1] = cases[i].cluster2;
        o.ncluster = cases[i].cluster2 ? 2 : cases[i].cluster ? 1 : 0;
        o.wild_bootstrap = cases[i].wild;
        model_fit *f = NULL;
        ds_err err;
        ds_err_clear(&err);
        int rc = model_fit_formula(t, cases[i].formula, &o, &f, &err);
        CHECK(rc == cases[i].rc, "%s: rc %d: %s", cases[i].formula, rc, err.msg);
        CHECK(!cases[i].msg || strstr(err.msg, cases[i].msg), "%s: %s", cases[i].formula,
              err.msg);
        /* dep is a department key: 1, 01 and 001 one group, 02 and 2 another: 3 in all */
        if (f && f->ncluster && strcmp(f->cluster[0], "dep") == 0)
            CHECK(f->cluster_groups[0] == 3, "dep groups %zu", f->cluster_groups[0]);
        model_fit_free(f);
    }
    table_free(t);
}

TEST(test_model_p_values_match_r_far_in_the_tail)
{
    /* set.seed(5); x <- 1:30; y <- round(2 + 3 * x + rnorm(30, sd = 0.05), 3)
     * m <- lm(y ~ x); 2 * pt(abs(t), 28, lower.tail = FALSE) for both terms, and
     * pf(F, 1, 28, lower.tail = FALSE): 4.1e-38, 4.2e-78 (GSL's t tail is off there) */
    static const char csv[] = "x,y\n1,4.958\n2,8.069\n3,10.937\n4,14.004\n5,17.086\n6,19.97\n"
        "7,22.976\n8,25.968\n9,28.986\n10,32.007\n11,35.061\n12,37.96\n13,40.946\n14,43.992\n"
        "15,46.946\n16,49.993\n17,52.97\n18,55.891\n19,59.012\n20,61.987\n21,65.045\n"
        "22,68.047\n23,71.073\n24,74.035\n25,77.041\n26,79.985\n27,83.071\n28,86.075\n"
        "29,88.967\n30,91.957\n";
    table_t *t;
    CHECK(table_load_buffer("tail.csv", csv, sizeof csv - 1, &t, NULL) == 0, "data");
    model_options o;
    model_options_default(&o);
    model_fit *f = fit(t, "y ~ x", &o);
    CHECK(f != NULL, "fit");
    CHECK_NEAR(f->terms[0].t_value, 106.81980712810027, 1e-9);
    CHECK_NEAR(f->terms[0].p_value, 4.1499379531038795e-38, 1e-10);
    CHECK_NEAR(f->terms[1].p_value, 4.2049158712104143e-78, 1e-10);
    CHECK_NEAR(f->f_p_value, 4.2049158712105337e-78, 1e-10);
    model_fit_free(f);
    table_free(t);
}
