/* model: agreement with R's lm on small fixed datasets, and every error path.
 *
 * Expected values are R's, printed with sprintf("%.15g") by this script (R 4.2.2 Patched
 * (2022-11-10 r83330)), run from the repository root on tests/fixtures/fit/small.csv:
 *
 *   d <- read.csv("tests/fixtures/fit/small.csv", colClasses = c(dept = "character"))
 *   hc <- function(m, type) {        # sandwich::vcovHC by hand (sandwich not installed)
 *     X <- model.matrix(m); w <- weights(m); if (is.null(w)) w <- rep(1, nrow(X))
 *     e <- residuals(m); h <- hatvalues(m); n <- nrow(X); k <- ncol(X)
 *     B <- solve(crossprod(X * sqrt(w)))
 *     ew2 <- (w * e)^2   # sandwich's estfun.lm is w e x (rforge/sandwich R/vcovHC.R)
 *     om <- switch(type, HC0 = ew2, HC1 = ew2 * n / (n - k), HC2 = ew2 / (1 - h),
 *                  HC3 = ew2 / (1 - h)^2)
 *     sqrt(diag(B %*% crossprod(X * sqrt(om)) %*% B)) }
 *   for each model m: coef(m); summary(m)$coefficients[, 2:4]; confint(m); s$sigma;
 *     s$df[2]; s$r.squared; s$adj.r.squared; s$fstatistic[1] and its pf(..., lower.tail =
 *     FALSE); logLik(m); AIC(m); BIC(m); hatvalues(m); rstandard(m); cooks.distance(m);
 *     fitted(m); residuals(m); hc(m, "HC0") … hc(m, "HC3")
 *   models: ols = lm(y ~ x1 + x2, d); wls = lm(y ~ x1 + x2, d, weights = w);
 *     poly_log = lm(log(y) ~ x1 + I(x1^2), d); noint = lm(y ~ x1 - 1, d);
 *     confint(lm(y ~ x1 + x2, d), level = 0.90);
 *     collinear: dc <- data.frame(y = c(3.1, 4.0, 5.2, 5.9, 7.1, 8.2, 8.8, 10.1), a = 1:8,
 *       b = c(2, 1, 4, 3, 6, 5, 8, 7)); dc$c <- dc$a + dc$b; lm(y ~ a + b + c, dc)
 * Row 7 (dept 33) has no x2, so the models with x2 use 11 rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "t.h"

struct r_ref {
    double coef[3], se[3], t[3], p[3], ci_low[3], ci_high[3];
    double sigma[1], df[1], r2[1], adjr2[1], f[1], fp[1], loglik[1], aic[1], bic[1];
    double hat[12], rstandard[12], cooks[12], fitted[12], resid[12];
    double hc0[3], hc1[3], hc2[3], hc3[3];
};

static const struct r_ref ref_ols = {
    .coef = {10.0841884403214, 3.55971609762152, -1.67628578148327},
    .se = {3.56722714925238, 0.799342806314917, 1.28759942293457},
    .t = {2.82689832141328, 4.45330347567937, -1.3018690064825},
    .p = {0.022256221761218, 0.00212992728085973, 0.229194127704405},
    .ci_low = {1.85814788293287, 1.71642828081362, -4.6454953752569},
    .ci_high = {18.31022899771, 5.40300391442942, 1.29292381229035},
    .sigma = {3.60449147769845},
    .df = {8},
    .r2 = {0.904828501022491},
    .adjr2 = {0.881035626278114},
    .f = {38.0293895018432},
    .fp = {8.20403753153404e-05},
    .loglik = {-27.9608160497001},
    .aic = {63.9216320994003},
    .bic = {65.5132131905938},
    .hat = {0.328436225290366, 0.28302124171336, 0.165675627458956, 0.17541067557613, 0.201849244141334, 0.12422082058692, 0.22180981808228, 0.37544301652575, 0.276794965781475, 0.459126861828256, 0.388211503015176},
    .rstandard = {0.593322148446763, 0.0728520688658951, -0.627974334205171, 0.187729262097482, -0.0837379302969511, -0.0573425495456382, 0.580394438186328, -2.21860250161527, 0.283809734369992, 2.47132840503723, -1.06605507971405},
    .cooks = {0.0573883392845986, 0.000698353424413485, 0.0261027477881759, 0.00249896978296781, 0.000591106028269081, 0.00015546496017397, 0.0320051780626767, 0.986301523108296, 0.0102761412741384, 1.72813217581417, 0.240383761016528},
    .fitted = {8.44741861534479, 12.6776490255596, 15.1675373434703, 17.7855382830227, 19.2696551320435, 22.8934275404858, 25.6545167038723, 32.4198902397776, 30.9300345394838, 38.4487802018443, 36.2055523750952},
    .resid = {1.75258138465521, 0.222350974440385, -2.06753734347032, 0.614461716977277, -0.269655132043467, -0.19342754048583, 1.84548329612765, -6.31989023977758, 0.869965460516216, 6.55121979815568, -3.00555237509522},
    .hc0 = {2.96620061048724, 1.13291232477858, 1.58489746651741},
    .hc1 = {3.4781785225568, 1.32845745565992, 1.85845701366436},
    .hc2 = {3.7983641369474, 1.48858491619744, 2.06782675278083},
    .hc3 = {4.87985596425308, 1.96216699360483, 2.70691846823673},
};
static const struct r_ref ref_wls = {
    .coef = {8.29285356315483, 2.65671351176518, -0.517488160304521},
    .se = {3.19987211025139, 0.75373013638493, 1.18492750079099},
    .t = {2.5916203140079, 3.52475426351852, -0.436725588661817},
    .p = {0.0320323214076777, 0.00779153135508102, 0.673858045037244},
    .ci_low = {0.913935244790644, 0.91860870043353, -3.24993587704568},
    .ci_high = {15.671771881519, 4.39481832309683, 2.21495955643664},
    .sigma = {4.17624472151032},
    .df = {8},
    .r2 = {0.890617209563625},
    .adjr2 = {0.863271511954531},
    .f = {32.5688238894095},
    .fp = {0.000143151529772649},
    .loglik = {-28.0440186450874},
    .aic = {64.0880372901748},
    .bic = {65.6796183813683},
    .hat = {0.257246785267377, 0.377101678995891, 0.196151657206851, 0.0556733858464732, 0.159577038790365, 0.183430011071313, 0.162666380364574, 0.635240806741751, 0.230495627944825, 0.219500654052551, 0.522915973718028},
    .rstandard = {0.23745327692636, 0.296455292732837, -0.724318004318021, 0.261092019779832, -0.181883576879731, 0.463408584170857, 0.507154571800725, -2.24142416970563, 0.446706978845901, 2.43297619430442, -0.907130479529097},
    .cooks = {0.00650939305237798, 0.0177352970880825, 0.0426731956883728, 0.00133964999160993, 0.00209381453595225, 0.0160799195619387, 0.0166555396630206, 2.91647990758481, 0.0199239673137522, 0.554903852001015, 0.300645907899301},
    .fitted = {9.345353777976, 12.209062553863, 15.3144029489931, 16.9015037850279, 19.6963512839753, 21.5939450161929, 25.5619028229315, 29.3640175583908, 30.3060928701268, 34.9638977461705, 35.0502829173222},
    .resid = {0.854646222023998, 0.690937446137014, -2.21440294899307, 1.49849621497208, -0.696351283975291, 1.10605498380714, 1.93809717706854, -3.26401755839084, 1.49390712987316, 10.0361022538295, -1.85028291732223},
    .hc0 = {2.26757873845148, 0.946437175728008, 1.30308555803196},
    .hc1 = {2.65897176286832, 1.10979596117936, 1.52800325944785},
    .hc2 = {3.44325105273134, 1.35640863946575, 1.91456413337984},
    .hc3 = {5.39751813225526, 2.06254055704977, 2.95701980694219},
};
static const struct r_ref ref_poly_log = {
    .coef = {2.20567686379811, 0.154323581917584, -0.00288887207187338},
    .se = {0.130339385976914, 0.0446561828495589, 0.00328258675444994},
    .t = {16.9225660169121, 3.45581668808283, -0.880059626133925},
    .p = {3.94172551780605e-08, 0.0072082294636653, 0.401715069484831},
    .ci_low = {1.91082868821572, 0.0533042780212277, -0.0103145992109588},
    .ci_high = {2.50052503938051, 0.25534288581394, 0.00453685506721205},
    .sigma = {0.1250806996361},
    .df = {9},
    .r2 = {0.932649733342455},
    .adjr2 = {0.917683007418556},
    .f = {62.3148802272914},
    .fp = {5.33982393858175e-06},
    .loglik = {9.64438387104483},
    .aic = {-11.2887677420897},
    .bic = {-9.34914114293766},
    .hat = {0.568271301060573, 0.293439327265948, 0.155960265386957, 0.150439473705186, 0.171954985147974, 0.178983271975401, 0.178675903709499, 0.165675337168395, 0.148243103218905, 0.161594322479076, 0.34446978967663, 0.482292919205457},
    .rstandard = {-0.422505291122958, 0.517967859457994, -1.1992347873791, 1.17618813253172, -0.198816315726071, 0.835977161984228, -0.955747260473255, 0.514731526397942, -0.9430067633756, -0.00488246212486353, 2.05702538406907, -1.5446182568813},
    .cooks = {0.0783227367406241, 0.0371409687163454, 0.0885805259513437, 0.0816582017364189, 0.00273617337499489, 0.05078412906378, 0.0662393850374065, 0.0175373134541705, 0.0515901985444219, 1.53154019286003e-06, 0.741167685520425, 0.740879970126684},
    .fitted = {2.35711157364382, 2.50276853934579, 2.71042071762921, 2.77674923831847, 2.96706818417065, 3.02761896071617, 3.1670475253988, 3.25537770653889, 3.37079396297629, 3.46002547578661, 3.59834472434507, 3.64156226845935},
    .resid = {-0.034723853353596, 0.0544587720218389, -0.137808487422102, 0.135601426296465, -0.0226292050042147, 0.0947459637711821, -0.108340452683422, 0.0588082981336379, -0.108858648647644, -0.000559186000482746, 0.208317765425247, -0.139012392536909},
    .hc0 = {0.0689663906798273, 0.0308847687274565, 0.0028108688341483},
    .hc1 = {0.0796355284480657, 0.0356626590773119, 0.00324571175610451},
    .hc2 = {0.0864651871875645, 0.0386601253811421, 0.00355775555445636},
    .hc3 = {0.111979055113631, 0.0495573379307866, 0.00458380537439284},
};
static const struct r_ref ref_noint = {
    .coef = {3.32283511269276},
    .se = {0.17999108023979},
    .t = {18.4611098964792},
    .p = {1.25938734255341e-09},
    .ci_low = {2.92667741613612},
    .ci_high = {3.7189928092494},
    .sigma = {4.67422661823256},
    .df = {11},
    .r2 = {0.968733352163063},
    .adjr2 = {0.965890929632432},
    .f = {340.812578609883},
    .fp = {1.2593873425534e-09},
    .loglik = {-35.0099587741261},
    .aic = {74.0199175482523},
    .bic = {74.9897308478283},
    .hat = {0.00148279952550416, 0.00593119810201661, 0.0181642941874259, 0.0237247924080664, 0.0448546856465006, 0.0533807829181495, 0.0768683274021352, 0.0948991696322657, 0.122790628706999, 0.148279952550415, 0.196100237247924, 0.213523131672598},
    .rstandard = {1.47238674012669, 1.34203174974197, 0.31740293546649, 1.10614246908934, 0.158576225891894, 0.607549662848724, -0.584373561262008, 0.206282406676726, -0.945165911481642, -0.331113419755419, 1.61954301266841, -1.61003327061179},
    .cooks = {0.00321936844743231, 0.0107461170484218, 0.0018638097669314, 0.0297339286008033, 0.00118090380718472, 0.0208148454602029, 0.0284357637494376, 0.00446159174881701, 0.12504837722881, 0.019087064196053, 0.639824980387414, 0.70376664230142},
    .fitted = {3.32283511269276, 6.64567022538553, 11.6299228944247, 13.2913404507711, 18.2755931198102, 19.9370106761566, 23.9244128113879, 26.5826809015421, 30.2377995255042, 33.2283511269276, 38.2126037959668, 39.8740213523132},
    .resid = {6.87716488730724, 6.25432977461447, 1.47007710557533, 5.10865954922894, 0.724406880189796, 2.76298932384342, -2.6244128113879, 0.917319098457889, -4.13779952550415, -1.42835112692764, 6.78739620403321, -6.67402135231316},
    .hc0 = {0.184475863461263},
    .hc1 = {0.19267875535044},
    .hc2 = {0.204404975867012},
    .hc3 = {0.226830426120082},
};

#define REL 1e-10
#define REL_P 1e-8 /* p-values pass through GSL's and R's t and F tail functions */

static table_t *load_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/fit/%s", t_root(), name);
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == 0, "%s: %s", path, err.msg);
    return t;
}

static model_fit *fit_with(const table_t *t, const char *formula, const char *weight,
                           model_se se, double level)
{
    model_options opt;
    model_options_default(&opt);
    opt.weight = weight;
    opt.se = se;
    opt.level = level;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = model_fit_formula(t, formula, &opt, &f, &err);
    CHECK(rc == 0, "%s: %s", formula, err.msg);
    return f;
}

static void check_terms(const model_fit *f, const struct r_ref *r)
{
    for (size_t j = 0; j < f->p; j++) {
        const model_term *t = &f->terms[j];
        CHECK_NEAR(t->estimate, r->coef[j], REL);
        CHECK_NEAR(t->std_error, r->se[j], REL);
        CHECK_NEAR(t->t_value, r->t[j], REL);
        CHECK_NEAR(t->p_value, r->p[j], REL_P);
        CHECK_NEAR(t->ci_low, r->ci_low[j], REL);
        CHECK_NEAR(t->ci_high, r->ci_high[j], REL);
    }
}

static void check_summary(const model_fit *f, const struct r_ref *r)
{
    CHECK_NEAR(f->sigma, r->sigma[0], REL);
    CHECK_NEAR(f->df_residual, r->df[0], 0);
    CHECK_NEAR(f->r_squared, r->r2[0], REL);
    CHECK_NEAR(f->adj_r_squared, r->adjr2[0], REL);
    CHECK_NEAR(f->f_statistic, r->f[0], REL);
    CHECK_NEAR(f->f_p_value, r->fp[0], REL_P);
    CHECK_NEAR(f->log_likelihood, r->loglik[0], REL);
    CHECK_NEAR(f->aic, r->aic[0], REL);
    CHECK_NEAR(f->bic, r->bic[0], REL);
}

static void check_rows(const model_fit *f, const struct r_ref *r)
{
    for (size_t i = 0; i < f->n; i++) {
        CHECK_NEAR(f->leverage[i], r->hat[i], REL);
        CHECK_NEAR(f->std_residuals[i], r->rstandard[i], 1e-9);
        CHECK_NEAR(f->cooks_distance[i], r->cooks[i], 1e-9);
        CHECK_NEAR(f->fitted[i], r->fitted[i], REL);
        CHECK_NEAR(f->residuals[i], r->resid[i], 1e-9);
    }
}

/* Fits formula with each kind of standard error and compares everything with R. */
static void check_against_r(const char *formula, const char *weight, const struct r_ref *r,
                            size_t p, size_t n, size_t dropped)
{
    table_t *t = load_fixture("small.csv");
    const double *hc[] = {r->hc0, r->hc1, r->hc2, r->hc3};
    for (int se = MODEL_SE_CLASSICAL; se <= MODEL_SE_HC3; se++) {
        model_fit *f = fit_with(t, formula, weight, (model_se)se, 0.95);
        if (!f)
            break;
        CHECK(f->p == p && f->n == n && f->n_dropped == dropped, "%s: p %zu n %zu dropped %zu",
              formula, f->p, f->n, f->n_dropped);
        if (f->p != p || f->n != n) {
            model_fit_free(f);
            break;
        }
        if (se == MODEL_SE_CLASSICAL) {
            check_terms(f, r);
            check_summary(f, r);
            check_rows(f, r);
        } else {
            for (size_t j = 0; j < p; j++)
                CHECK_NEAR(f->terms[j].std_error, hc[se - 1][j], REL);
        }
        model_fit_free(f);
    }
    table_free(t);
}

TEST(test_model_ols_agrees_with_r)
{
    check_against_r("y ~ x1 + x2", NULL, &ref_ols, 3, 11, 1);
}

TEST(test_model_wls_agrees_with_r)
{
    check_against_r("y ~ x1 + x2", "w", &ref_wls, 3, 11, 1);
}

TEST(test_model_log_response_and_i_terms_agree_with_r)
{
    check_against_r("log(y) ~ x1 + I(x1^2)", NULL, &ref_poly_log, 3, 12, 0);
}

TEST(test_model_no_intercept_agrees_with_r)
{
    check_against_r("y ~ x1 - 1", NULL, &ref_noint, 1, 12, 0);
    check_against_r("y ~ 0 + x1", NULL, &ref_noint, 1, 12, 0);
}

TEST(test_model_level_changes_the_interval)
{
    static const double lo[] = {3.45075819550222, 2.07329975082417, -4.07063876152718};
    static const double hi[] = {16.7176186851406, 5.04613244441886, 0.718067198560625};
    table_t *t = load_fixture("small.csv");
    model_fit *f = fit_with(t, "y ~ x1 + x2", NULL, MODEL_SE_CLASSICAL, 0.90);
    for (size_t j = 0; f && j < 3; j++) {
        CHECK_NEAR(f->terms[j].ci_low, lo[j], REL);
        CHECK_NEAR(f->terms[j].ci_high, hi[j], REL);
    }
    model_fit_free(f);
    table_free(t);
}

TEST(test_model_term_names_as_r_prints_them)
{
    table_t *t = load_fixture("small.csv");
    model_fit *f = fit_with(t, "log(y) ~ x1 + I(x1^2) + I(x2*x1) + sqrt(x2)", NULL,
                            MODEL_SE_CLASSICAL, 0.95);
    if (f) {
        CHECK_STR(f->terms[0].name, "(Intercept)");
        CHECK_STR(f->terms[1].name, "x1");
        CHECK_STR(f->terms[2].name, "I(x1^2)");
        CHECK_STR(f->terms[3].name, "I(x2 * x1)");
        CHECK_STR(f->terms[4].name, "sqrt(x2)");
        CHECK_STR(f->response, "log(y)");
    }
    model_fit_free(f);
    table_free(t);
}

/* lm(y ~ a + b + c, dc) with c = a + b: R reports c as NA and fits the rest. */
TEST(test_model_collinear_term_is_aliased_as_r)
{
    static const char csv[] = "y,a,b,c\n3.1,1,2,3\n4.0,2,1,3\n5.2,3,4,7\n5.9,4,3,7\n"
                              "7.1,5,6,11\n8.2,6,5,11\n8.8,7,8,15\n10.1,8,7,15\n";
    static const double coef[] = {2.095, 0.995, -0.00500000000000021};
    static const double se[] = {0.131034346642397, 0.0597494769851584, 0.0597494769851585};
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load_buffer("dc.csv", csv, strlen(csv), &t, &err) == 0, "%s", err.msg);
    model_fit *f = fit_with(t, "y ~ a + b + c", NULL, MODEL_SE_CLASSICAL, 0.95);
    if (f) {
        CHECK(f->rank == 3 && f->p == 4, "rank %zu p %zu", f->rank, f->p);
        CHECK(f->terms[3].aliased && isnan(f->terms[3].estimate), "c aliased");
        CHECK_STR(f->terms[3].name, "c");
        for (size_t j = 0; j < 3; j++) {
            CHECK(!f->terms[j].aliased, "term %zu estimated", j);
            CHECK_NEAR(f->terms[j].estimate, coef[j], j == 2 ? 1e-9 : REL);
            CHECK_NEAR(f->terms[j].std_error, se[j], REL);
        }
        CHECK_NEAR(f->sigma, 0.164924225024706, REL);
        CHECK_NEAR(f->r_squared, 0.996710208030963, REL);
        CHECK_NEAR(f->f_statistic, 757.42647058824, REL);
        CHECK_NEAR(f->aic, -1.89331894813265, REL);
        CHECK_NEAR(f->df_residual, 5, 0);
    }
    model_fit_free(f);
    table_free(t);
}

/* Fits formula on an in-memory CSV and returns the status; *msg gets the message. */
static int fit_error(const char *csv, const char *formula, const char *weight,
                     model_method method, model_se se, char *msg, size_t size)
{
    table_t *t = NULL;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_load_buffer("data.csv", csv, strlen(csv), &t, &err);
    CHECK(rc == 0, "load: %s", err.msg);
    model_options opt;
    model_options_default(&opt);
    opt.weight = weight;
    opt.method = method;
    opt.se = se;
    rc = model_fit_formula(t, formula, &opt, &f, &err);
    CHECK(rc == 0 || f == NULL, "no fit on error");
    snprintf(msg, size, "%s", err.msg);
    model_fit_free(f);
    table_free(t);
    return rc;
}

static const char good_csv[] = "y,x,z,name,w,empty\n1,1,5,a,1,\n3,2,5,b,2,\n2,3,5,c,-1,\n"
                               "5,4,5,d,1,\n4,5,5,e,1,\n";

TEST(test_model_errors_name_what_is_wrong)
{
    char msg[1024];
    struct {
        const char *csv, *formula, *weight;
        int rc;
        const char *msg;
    } cases[] = {
        {good_csv, "y ~ nope", NULL, DS_EDATA,
         "data.csv: no column 'nope' (columns: 'y', 'x', 'z', 'name', 'w', 'empty')"},
        {good_csv, "nope ~ x", NULL, DS_EDATA,
         "data.csv: no column 'nope' (columns: 'y', 'x', 'z', 'name', 'w', 'empty')"},
        {good_csv, "y ~ nmae", NULL, DS_EDATA, "data.csv: no column 'nmae': did you mean 'name'? "
         "(columns: 'y', 'x', 'z', 'name', 'w', 'empty')"},
        {"y,x\n", "y ~ x", NULL, DS_EDATA, "data.csv: no data rows to fit"},
        {"y,x,z\n1,2,3\n2,3,5\n4,1,1\n", "y ~ x + z", NULL, DS_EDATA,
         "data.csv: 3 complete rows for 3 coefficients: a fit needs more rows than coefficients"},
        {good_csv, "y ~ x + z", NULL, DS_EDATA,
         "term 'z' does not vary (it is 5 on all 5 rows used): its effect cannot be estimated "
         "beside the intercept"},
        {good_csv, "y ~ x + empty", NULL, DS_EDATA,
         "data.csv: column 'empty' is missing on every row"},
        {good_csv, "y ~ name", NULL, DS_EDATA, "data.csv:2: column 'name' is not numeric (\"a\" is not a number)"},
        {good_csv, "y ~ x", "w", DS_EDATA, "data.csv:4: weight 'w' must be 0 or more, got -1"},
        {good_csv, "y ~ x", "nope", DS_EDATA,
         "data.csv: no weight column 'nope' (columns: 'y', 'x', 'z', 'name', 'w', 'empty')"},
        {good_csv, "y ~ x + (z", NULL, DS_EDATA,
         "formula: expected ')' at column 11\n  y ~ x + (z\n            ^"},
        {good_csv, "y x", NULL, DS_EDATA,
         "formula: expected '~' (write 'y ~ x') at column 4\n  y x\n     ^"},
        {good_csv, "y ~ x / z", NULL, DS_EDATA,
         "formula: arithmetic needs I(), e.g. I(a / b); write a:b or a*b for an interaction "
         "at column 5\n  y ~ x / z\n      ^"},
        {good_csv, "y ~ x - z", NULL, DS_EDATA,
         "formula: only '- 1' may be subtracted in a formula at column 9\n  y ~ x - z\n          ^"},
        {good_csv, "y ~ x +", NULL, DS_EDATA, "formula: expected a term at column 8\n  y ~ x +\n         ^"},
        {good_csv, "y ~ I(x^)", NULL, DS_EDATA,
         "formula: unexpected end of expression at column 9\n  y ~ I(x^)\n          ^"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = fit_error(cases[i].csv, cases[i].formula, cases[i].weight, MODEL_OLS,
                           MODEL_SE_CLASSICAL, msg, sizeof msg);
        CHECK(rc == cases[i].rc, "%s: rc %d", cases[i].formula, rc);
        CHECK_STR(msg, cases[i].msg);
    }
}

TEST(test_model_all_rows_dropped_is_an_error)
{
    char msg[1024];
    int rc = fit_error("y,x,z\n1,,1\n2,3,\n,4,5\n", "y ~ x + z", NULL, MODEL_OLS,
                       MODEL_SE_CLASSICAL, msg, sizeof msg);
    CHECK(rc == DS_EDATA, "rc %d", rc);
    CHECK_STR(msg, "data.csv: no row has a value for every variable of the model (3 rows dropped)");
}

TEST(test_model_robust_refuses_weights_and_hc)
{
    char msg[1024];
    CHECK(fit_error(good_csv, "y ~ x", "w", MODEL_HUBER, MODEL_SE_CLASSICAL, msg, sizeof msg) ==
              DS_EUSAGE, "weights");
    CHECK(fit_error(good_csv, "y ~ x", NULL, MODEL_BISQUARE, MODEL_SE_HC3, msg, sizeof msg) ==
              DS_EUSAGE, "hc3");
}

TEST(test_model_domain_errors_drop_rows_and_are_counted)
{
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    static const char csv[] = "y,x\n1,1\n2,0\n3,-1\n4,4\n5,5\n6,6\n";
    CHECK(table_load_buffer("d.csv", csv, strlen(csv), &t, &err) == 0, "%s", err.msg);
    model_fit *f = fit_with(t, "y ~ log(x)", NULL, MODEL_SE_CLASSICAL, 0.95);
    if (f)
        CHECK(f->n == 4 && f->n_dropped == 2 && f->n_domain == 2, "n %zu dropped %zu domain %zu",
              f->n, f->n_dropped, f->n_domain);
    model_fit_free(f);
    table_free(t);
}

/* y = 1 + 2x + small noise, one gross outlier at x = 6. The clean-data least-squares line
 * (R: lm(y ~ x) without row 6) is intercept 1.00345454545454, slope 1.99909090909091; a
 * bisquare fit gives the outlier weight 0 and must land near it, OLS must not. */
TEST(test_model_bisquare_resists_an_outlier)
{
    static const char csv[] = "y,x\n3.02,1\n4.97,2\n7.01,3\n9.03,4\n10.96,5\n60,6\n15.02,7\n"
                              "16.99,8\n19.01,9\n20.95,10\n23.02,11\n";
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load_buffer("o.csv", csv, strlen(csv), &t, &err) == 0, "%s", err.msg);
    model_options opt;
    model_options_default(&opt);
    opt.method = MODEL_BISQUARE;
    model_fit *f = NULL;
    CHECK(model_fit_formula(t, "y ~ x", &opt, &f, &err) == 0, "%s", err.msg);
    if (f) {
        CHECK(fabs(f->terms[0].estimate - 1.00345454545454) < 0.05, "intercept %g",
              f->terms[0].estimate);
        CHECK(fabs(f->terms[1].estimate - 1.99909090909091) < 0.01, "slope %g",
              f->terms[1].estimate);
        CHECK(f->robust_weights && f->robust_weights[5] < 0.01, "outlier weight");
        CHECK(isnan(f->aic), "no likelihood for an M-estimate");
    }
    model_fit_free(f);
    model_options_default(&opt);
    f = fit_with(t, "y ~ x", NULL, MODEL_SE_CLASSICAL, 0.95);
    if (f)
        CHECK(fabs(f->terms[0].estimate - 1.00345454545454) > 1, "OLS is pulled by the outlier");
    model_fit_free(f);
    table_free(t);
}
