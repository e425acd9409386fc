/* glm: Poisson, quasi-Poisson and negative binomial fits (with an exposure offset) against
 * R 4.2.2 (glm, summary.glm, confint.default; MASS 7.3-58 glm.nb; sandwich 3.0.2 vcovHC and
 * vcovCL on the glm; clubSandwich vcovCR CR2), and every refusal.
 *
 * Data: tests/fixtures/glm/counts.csv (60 rows, 12 clusters g of 5, overdispersed counts y
 * with an exposure pop and prior weights w), made by
 *
 *   set.seed(20240614)
 *   n <- 60; g <- rep(1:12, each = 5)
 *   x1 <- round(rnorm(n), 3); x2 <- rbinom(n, 1, 0.4)
 *   pop <- round(runif(n, 500, 5000)); u <- rnorm(12, 0, 0.3)[g]
 *   y <- rnbinom(n, size = 4, mu = pop * exp(-6 + 0.4 * x1 - 0.3 * x2 + u))
 *   w <- round(runif(n, 0.5, 2), 2)
 *   write.csv(data.frame(g = sprintf("g%02d", g), x1, x2, pop, w, y), …, quote = FALSE)
 *
 * and the 2013 hackathon table external-data/hackathon-2013/damir2013_2.csv (GP acts
 * nb_actes, affiliates pop_affiliee, GP density densite_medecins). Each glm_ref below was
 * printed by this R function (sprintf("%.15g")), with m the model named beside it:
 *
 *   cref <- function(name, m, cl = NULL) {
 *     s <- summary(m); cf <- s$coefficients; ci <- confint.default(m)
 *     coef, se, stat, pval = the four columns of cf; ci_low, ci_high = ci
 *     hc = sapply(c("HC0", "HC1", "HC2", "HC3"), function(t) sqrt(diag(vcovHC(m, type = t))))
 *     cr1 = sqrt(diag(vcovCL(m, cluster = cl, type = "HC1")))
 *     cr0 = sqrt(diag(vcovCL(m, cluster = cl, type = "HC0", cadjust = FALSE)))
 *     deviance(m); m$null.deviance; s$dispersion; AIC(m); logLik(m); m$iter; m$theta;
 *     m$SE.theta }
 *   d <- read.csv("tests/fixtures/glm/counts.csv")
 *   h <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cluster.h"
#include "damirstat/glm.h"
#include "damirstat/table.h"
#include "glm_t.h"
#include "t.h"

typedef struct glm_ref {
    size_t p;
    double coef[3], se[3], stat[3], pval[3], ci_low[3], ci_high[3];
    double hc[4][3], cr1[3], cr0[3];
    double deviance, null_deviance, dispersion, aic, loglik;
    size_t iter;
    double theta, theta_se;
} glm_ref;

/* glm(y ~ x1 + x2, poisson, d, offset = log(pop)); cl = ~g */
static const glm_ref ref_poisson = {
    .p = 3,
    .coef = {-5.99969832539555, 0.416660258248461, 0.0803618591917983},
    .se = {0.0573682190548249, 0.0517689817295762, 0.109647936445037},
    .stat = {-104.582265655865, 8.04845381013971, 0.732908085617106},
    .pval = {0, 8.3846541464193e-16, 0.463614491234171},
    .ci_low = {-6.11213796860021, 0.315194918542179, -0.134544147219611},
    .ci_high = {-5.88725868219089, 0.518125597954742, 0.295267865603208},
    .hc = {{0.082426191520135, 0.0762048938878648, 0.244442863937219}, {0.0845674881444834, 0.0781845714518955, 0.250793086721283}, {0.0839554615722047, 0.0790054062803127, 0.259517549007173}, {0.0855475009331524, 0.0820470671864594, 0.275711254594039}},
    .cr1 = {0.07622765539234, 0.0699951097595693, 0.308909383048567},
    .cr0 = {0.0717347689007678, 0.0658695718364066, 0.290702148586542},
    .deviance = 171.576377705143, .null_deviance = 234.998023296761,
    .dispersion = 1, .aic = 383.065550332785, .loglik = -188.532775166392, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm(y ~ x1 + x2, quasipoisson, d, offset = log(pop)); cl = ~g */
static const glm_ref ref_quasi = {
    .p = 3,
    .coef = {-5.99969832539555, 0.416660258248461, 0.0803618591917983},
    .se = {0.106075315332452, 0.095722181233424, 0.202741859963347},
    .stat = {-56.5607399477611, 4.35280781193662, 0.396375268562332},
    .pval = {9.04240585893866e-52, 5.64361665004511e-05, 0.693308230899496},
    .ci_low = {-6.20760212309589, 0.229048230509334, -0.317004884495024},
    .ci_high = {-5.79179452769522, 0.604272285987587, 0.477728602878621},
    .hc = {{0.0824261915201351, 0.0762048938878648, 0.244442863937219}, {0.0845674881444834, 0.0781845714518955, 0.250793086721283}, {0.0839554615722047, 0.0790054062803127, 0.259517549007173}, {0.0855475009331524, 0.0820470671864594, 0.275711254594039}},
    .cr1 = {0.07622765539234, 0.0699951097595694, 0.308909383048567},
    .cr0 = {0.0717347689007678, 0.0658695718364066, 0.290702148586542},
    .deviance = 171.576377705143, .null_deviance = 234.998023296761,
    .dispersion = 3.41889629303647, .aic = NAN, .loglik = NAN, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm.nb(y ~ x1 + x2 + offset(log(pop)), d); cl = ~g */
static const glm_ref ref_negbin = {
    .p = 3,
    .coef = {-5.9375422097779, 0.388691993289256, 0.0423793027498745},
    .se = {0.0985343101840358, 0.0904714602150785, 0.202161682291615},
    .stat = {-60.2586266518552, 4.29629401764065, 0.209630738473688},
    .pval = {0, 1.73677197289823e-05, 0.833955886825863},
    .ci_low = {-6.13066590898011, 0.211371189638954, -0.35385031359572},
    .ci_high = {-5.7444185105757, 0.566012796939558, 0.438608919095469},
    .hc = {{0.099259883397175, 0.0933931931816748, 0.217747782323659}, {0.101838491595998, 0.0958193944365051, 0.223404510878624}, {0.101130094302987, 0.0962802849004787, 0.226561013521741}, {0.103065498156507, 0.0993442031052394, 0.235858456752683}},
    .cr1 = {0.103312366789691, 0.0897788574448448, 0.267089474220306},
    .cr0 = {0.0972230972880553, 0.0844872580408408, 0.251347120810783},
    .deviance = 68.8046650740779, .null_deviance = 89.2457453374238,
    .dispersion = 1, .aic = 341.01669590475, .loglik = -166.508347952375, .iter = 1,
    .theta = 3.68720778700298, .theta_se = 1.13719472581905,
};

/* glm(y ~ x1 + x2, quasipoisson, d, offset = log(pop), weights = w); cl = ~g */
static const glm_ref ref_quasi_w = {
    .p = 3,
    .coef = {-6.01728391614318, 0.481132854491651, 0.100798806379165},
    .se = {0.119723809334244, 0.10709640038772, 0.219338989637398},
    .stat = {-50.2597098238346, 4.49252124954537, 0.459557174699316},
    .pval = {6.66010527997712e-49, 3.48874757088479e-05, 0.647582104940563},
    .ci_low = {-6.25193827053024, 0.271227766857838, -0.32909771371554},
    .ci_high = {-5.78262956175613, 0.691037942125464, 0.53069532647387},
    .hc = {{0.103743870652615, 0.0943190146125896, 0.273141978500845}, {0.106438965451106, 0.0967692671825202, 0.280237756987575}, {0.106157627956677, 0.0981692167995958, 0.293088604365047}, {0.108677742570242, 0.102432264667801, 0.314797607502505}},
    .cr1 = {0.101319932121995, 0.0912984522997915, 0.318864642020877},
    .cr0 = {0.0953480974641541, 0.0859172874072346, 0.300070640875204},
    .deviance = 239.326365407529, .null_deviance = 336.624604183847,
    .dispersion = 4.95370431293745, .aic = NAN, .loglik = NAN, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm.nb(y ~ x1 + x2 + offset(log(pop)), d, weights = w); cl = ~g */
static const glm_ref ref_negbin_w = {
    .p = 3,
    .coef = {-5.92256818435863, 0.445381648119563, 0.00878095002422317},
    .se = {0.098975113039406, 0.0896337008220381, 0.202989122917489},
    .stat = {-59.8389635786586, 4.96890839087231, 0.0432582292982884},
    .pval = {0, 6.73308682952326e-07, 0.965495688223244},
    .ci_low = {-6.11655584128165, 0.26970282270733, -0.389070420147429},
    .ci_high = {-5.72858052743562, 0.621060473531796, 0.406632320195875},
    .hc = {{0.130757548293178, 0.122003501844284, 0.251070083798079}, {0.13415441392053, 0.125172951770817, 0.257592470833034}, {0.134328837357553, 0.126763916969139, 0.262729406699508}, {0.138079138806715, 0.13186469475318, 0.275132826001585}},
    .cr1 = {0.145783894114735, 0.123703367796998, 0.2801468272377},
    .cr0 = {0.137191336922917, 0.116412245076818, 0.263634868562403},
    .deviance = 84.7839231178244, .null_deviance = 112.945110461123,
    .dispersion = 1, .aic = 417.632355787951, .loglik = -204.816177893976, .iter = 1,
    .theta = 2.77279284797828, .theta_se = 0.719678815415098,
};

/* glm(y ~ x1 - 1, poisson, d, offset = log(pop)); cl = ~g */
static const glm_ref ref_poisson_noint = {
    .p = 1,
    .coef = {0.150604954063769},
    .se = {0.00269277718298783},
    .stat = {55.9292298728787},
    .pval = {0},
    .ci_low = {0.145327207766722},
    .ci_high = {0.155882700360817},
    .hc = {{0.15302421129634}, {0.15431557774612}, {0.15791221108292}, {0.163139059673695}},
    .cr1 = {0.10565961501237},
    .cr0 = {0.101161379607942},
    .deviance = 331707.355943252, .null_deviance = 334805.238108303,
    .dispersion = 1, .aic = 331914.845115879, .loglik = -165956.42255794, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm(y ~ x1 + x2, poisson, d); cl = ~g */
static const glm_ref ref_poisson_nooff = {
    .p = 3,
    .coef = {1.93276564155065, 0.408249253715689, 0.213263839844232},
    .se = {0.0570268040221972, 0.0465322512635317, 0.109550524562217},
    .stat = {33.8922314636172, 8.7734687798276, 1.94671673820341},
    .pval = {8.67045081943048e-252, 1.73244994412742e-18, 0.0515687037759888},
    .ci_low = {1.82099515951372, 0.317047717119599, -0.00145124278518458},
    .ci_high = {2.04453612358758, 0.49945079031178, 0.427978922473648},
    .hc = {{0.0971451623501995, 0.0824258644148308, 0.284558264103326}, {0.0996688335811024, 0.0845671525415225, 0.291950618876943}, {0.0993188838892138, 0.0876628109761763, 0.300062604419031}, {0.101633438774911, 0.0936792601205327, 0.31720522081326}},
    .cr1 = {0.091938936112645, 0.0899032644691708, 0.346700720907749},
    .cr0 = {0.0865200208648394, 0.0846043324686679, 0.326266050871429},
    .deviance = 223.844496638258, .null_deviance = 299.401011547752,
    .dispersion = 1, .aic = 435.333669265899, .loglik = -214.666834632949, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm.nb(y ~ x1 + x2, d); cl = ~g */
static const glm_ref ref_negbin_nooff = {
    .p = 3,
    .coef = {1.92676458155049, 0.436849981250809, 0.23210749819026},
    .se = {0.10921426408616, 0.0981447620624903, 0.221699200906676},
    .stat = {17.6420598323169, 4.45107789830556, 1.0469478340067},
    .pval = {1.1711300792689e-69, 8.54403389915009e-06, 0.295123638469202},
    .ci_low = {1.71270855734357, 0.244489782337075, -0.202414950988134},
    .ci_high = {2.1408206057574, 0.629210180164543, 0.666629947368655},
    .hc = {{0.0966690816781095, 0.0907396070486478, 0.264668673626343}, {0.0991803851176919, 0.0930968725086261, 0.271544329615719}, {0.0986619246017415, 0.0942030106198638, 0.275608167655871}, {0.100722789894183, 0.0978784163471756, 0.287097681509901}},
    .cr1 = {0.0914364724996092, 0.0889817545916605, 0.340556527356362},
    .cr0 = {0.0860471726449032, 0.0837371367276636, 0.320483998383762},
    .deviance = 65.7625621217361, .null_deviance = 86.0880043186445,
    .dispersion = 1, .aic = 351.486193399078, .loglik = -171.743096699539, .iter = 1,
    .theta = 2.59165269230155, .theta_se = 0.673217464807138,
};

/* e <- subset(d, g != "g12"); glm(y ~ x1 + x2, poisson, e, offset = log(pop)); cl = ~g */
static const glm_ref ref_poisson_sep = {
    .p = 3,
    .coef = {-5.97528766191482, 0.376562276027942, 0.0566314092878638},
    .se = {0.059651582231449, 0.0568733806981181, 0.111004916212702},
    .stat = {-100.169810060203, 6.62106369281476, 0.510170280921156},
    .pval = {0, 3.56623256702623e-11, 0.609932170927975},
    .ci_low = {-6.09220261470929, 0.265092498180595, -0.160934228595919},
    .ci_high = {-5.85837270912035, 0.488032053875289, 0.274197047171647},
    .hc = {{0.0853123586894476, 0.0893945676624968, 0.24489743490686}, {0.087738786263943, 0.0919371001550746, 0.251862731589657}, {0.0871658528110482, 0.0932080801735533, 0.25993969116347}, {0.089100202700397, 0.0973438129794577, 0.276083758368943}},
    .cr1 = {0.0800506210713311, 0.0735919425521495, 0.311676650783273},
    .cr0 = {0.0748985060249272, 0.0688555126601294, 0.291616919320572},
    .deviance = 160.774633100788, .null_deviance = 203.958481023781,
    .dispersion = 1, .aic = 356.668258134045, .loglik = -175.334129067023, .iter = 5,
    .theta = NAN, .theta_se = NAN,
};

/* glm.nb(y ~ x1 + x2 + offset(log(pop)), e); cl = ~g */
static const glm_ref ref_negbin_sep = {
    .p = 3,
    .coef = {-5.90426572534662, 0.359701515632564, 0.00462134491675997},
    .se = {0.10336980676179, 0.0952296652805952, 0.204099444508073},
    .stat = {-57.1178945797266, 3.7772002513366, 0.0226426138880411},
    .pval = {0, 0.000158601208832874, 0.98193535156367},
    .ci_low = {-6.1068668236886, 0.173054801422793, -0.395406215583694},
    .ci_high = {-5.70166462700465, 0.546348229842335, 0.404648905417214},
    .hc = {{0.104484581738873, 0.10110157260022, 0.219908426628217}, {0.107456299718957, 0.103977072086467, 0.226162993708902}, {0.106799841787617, 0.104735634121453, 0.228900738816877}, {0.109214411576791, 0.108624389161512, 0.238385109687169}},
    .cr1 = {0.108187677289115, 0.0923639340855287, 0.270620611118133},
    .cr0 = {0.10122464124346, 0.0864193254344219, 0.253203275640293},
    .deviance = 63.1826274971565, .null_deviance = 78.9144099653485,
    .dispersion = 1, .aic = 315.550260216278, .loglik = -153.775130108139, .iter = 1,
    .theta = 3.71139754126217, .theta_se = 1.1737422089103,
};

/* glm(nb_actes ~ densite_medecins, poisson, h, offset = log(pop_affiliee)) */
static const glm_ref ref2013_poisson = {
    .p = 2,
    .coef = {1.07166134134587, 0.00182971084359911},
    .se = {0.000412435840373141, 2.304540256675e-06},
    .stat = {2598.37103481675, 793.959158795092},
    .pval = {0, 0},
    .ci_low = {1.07085298195281, 0.0018251940276951},
    .ci_high = {1.07246970073894, 0.00183422765950312},
    .hc = {{0.139210292994071, 0.000833680671443215}, {0.140609426571112, 0.0008420595821894}, {0.145394880660583, 0.000875010379584845}, {0.151980292632718, 0.000919010697401531}},
    .deviance = 6729189.76103301, .null_deviance = 7359820.46651882,
    .dispersion = 1, .aic = 6730825.07002425, .loglik = -3365410.53501213, .iter = 4,
    .theta = NAN, .theta_se = NAN,
};

/* glm(nb_actes ~ densite_medecins, quasipoisson, h, offset = log(pop_affiliee)) */
static const glm_ref ref2013_quasi = {
    .p = 2,
    .coef = {1.07166134134587, 0.00182971084359911},
    .se = {0.1057295764795, 0.000590778107687642},
    .stat = {10.1358709363, 3.09712025511704},
    .pval = {5.52944478442479e-17, 0.00254259603229118},
    .ci_low = {0.86443517934538, 0.000671807029676606},
    .ci_high = {1.27888750334637, 0.00298761465752161},
    .hc = {{0.139210292994072, 0.000833680671443224}, {0.140609426571111, 0.000842059582189389}, {0.145394880660581, 0.000875010379584832}, {0.15198029263272, 0.000919010697401542}},
    .deviance = 6729189.76103301, .null_deviance = 7359820.46651882,
    .dispersion = 65717.3721430947, .aic = NAN, .loglik = NAN, .iter = 4,
    .theta = NAN, .theta_se = NAN,
};

/* glm.nb(nb_actes ~ densite_medecins + offset(log(pop_affiliee)), h) */
static const glm_ref ref2013_negbin = {
    .p = 2,
    .coef = {0.919245698549956, 0.00264511405378155},
    .se = {0.107451873376875, 0.000589762709039381},
    .stat = {8.55495273987278, 4.48504799174226},
    .pval = {1.17917032538473e-17, 7.28975251651299e-06},
    .ci_low = {0.708643896659923, 0.00148920038463959},
    .ci_high = {1.12984750043999, 0.00380102772292351},
    .hc = {{0.158395522073631, 0.000844166732427894}, {0.159987476868205, 0.000852651033369709}, {0.165810928537687, 0.000884502815526755}, {0.173649314851803, 0.000927180924418847}},
    .deviance = 101.605883707663, .null_deviance = 119.791756311491,
    .dispersion = 1, .aic = 2848.42207850679, .loglik = -1421.21103925339, .iter = 1,
    .theta = 28.0627294119655, .theta_se = 3.92605730388156,
};

/* A glm_data from named columns of a table: an intercept first when asked, the offset
 * log(exposure) when exposure is named, prior weights when weight is named. */
typedef struct design {
    table_t *t;
    glm_data d;
    double *x, *y, *off, *w;
    const char *names[4];
    size_t *rows;
} design;

static void design_build(const char *rel, const char *y, const char *x1, const char *x2,
                         int intercept, const char *exposure, const char *weight, design *s)
{
    memset(s, 0, sizeof *s);
    s->t = glm_t_load(rel);
    size_t n = table_nrows(s->t), p = 0;
    const char *xs[3] = {intercept ? "(Intercept)" : NULL, x1, x2};
    for (size_t k = 0; k < 3; k++)
        if (xs[k])
            s->names[p++] = xs[k];
    s->x = malloc(n * p * sizeof *s->x);
    s->y = malloc(n * sizeof *s->y);
    s->off = exposure ? malloc(n * sizeof *s->off) : NULL;
    s->w = weight ? malloc(n * sizeof *s->w) : NULL;
    s->rows = malloc(n * sizeof *s->rows);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < p; j++)
            s->x[i * p + j] = strcmp(s->names[j], "(Intercept)") == 0 ? 1 : glm_t_col(s->t, i, s->names[j]);
        s->y[i] = glm_t_col(s->t, i, y);
        if (exposure)
            s->off[i] = log(glm_t_col(s->t, i, exposure));
        if (weight)
            s->w[i] = glm_t_col(s->t, i, weight);
        s->rows[i] = i;
    }
    s->d = (glm_data){.n = n, .p = p, .x = s->x, .y = s->y, .offset = s->off, .weights = s->w,
                      .has_intercept = intercept, .names = s->names, .response = y};
}

static void design_free(design *s)
{
    table_free(s->t);
    free(s->x), free(s->y), free(s->off), free(s->w), free(s->rows);
}

static glm_fit *fit(const design *s, model_family family)
{
    glm_options opt;
    glm_options_default(&opt);
    opt.family = family;
    glm_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(glm_fit_design(&s->d, &opt, &f, &err) == DS_OK, "%s", err.msg);
    return f;
}

/* Every summary.glm number, HC0-HC3, and (when a cluster column is named) CR0 and CR1. */
static void check_ref(const design *s, const glm_fit *f, const glm_ref *r, double rel,
                      const char *cluster)
{
    size_t p = f->p;
    CHECK(p == r->p, "p = %zu, want %zu", p, r->p);
    for (size_t j = 0; j < p && j < 3; j++) {
        glm_coef c;
        glm_coef_at(f, f->vcov, j, 0.95, glm_uses_t(f), &c);
        CHECK_NEAR(c.estimate, r->coef[j], rel);
        CHECK_NEAR(c.std_error, r->se[j], rel);
        CHECK_NEAR(c.statistic, r->stat[j], rel);
        glm_t_check_p(c.p_value, r->pval[j]);
        CHECK_NEAR(c.ci_low, r->ci_low[j], rel);
        CHECK_NEAR(c.ci_high, r->ci_high[j], rel);
    }
    double *v = malloc(p * p * sizeof *v);
    for (int type = 0; type < 4; type++) {
        CHECK(glm_vcov_hc(&s->d, f, type, v) == 0, "HC%d undefined", type);
        for (size_t j = 0; j < p; j++)
            CHECK_NEAR(sqrt(v[j * p + j]), r->hc[type][j], rel);
    }
    for (int type = 0; cluster && type < 2; type++) {
        size_t *rows = malloc((f->n + 1) * sizeof *rows), k = 0;
        for (size_t i = 0; i < f->n_input; i++)
            if (f->used[i])
                rows[k++] = i;
        cluster_ids ids;
        cluster_vcov_result res;
        memset(&res, 0, sizeof res);
        ds_err err;
        ds_err_clear(&err);
        CHECK(cluster_ids_from_table(s->t, cluster, rows, k, &ids, &err) == DS_OK, "%s", err.msg);
        CHECK(glm_vcov_cluster(&s->d, f, &ids, 1, type ? CLUSTER_CR1 : CLUSTER_CR0, v, &res,
                               &err) == DS_OK, "%s", err.msg);
        for (size_t j = 0; j < p; j++)
            CHECK_NEAR(sqrt(v[j * p + j]), type ? r->cr1[j] : r->cr0[j], rel);
        cluster_vcov_result_free(&res);
        cluster_ids_free(&ids);
        free(rows);
    }
    free(v);
    CHECK_NEAR(f->deviance, r->deviance, rel);
    CHECK_NEAR(f->null_deviance, r->null_deviance, rel);
    CHECK_NEAR(f->dispersion, r->dispersion, rel);
    CHECK(isnan(r->aic) ? isnan(f->aic) : fabs(f->aic - r->aic) <= rel * fabs(r->aic),
          "aic %.15g, want %.15g", f->aic, r->aic);
    CHECK(isnan(r->loglik) ? isnan(f->log_likelihood)
                           : fabs(f->log_likelihood - r->loglik) <= rel * fabs(r->loglik),
          "loglik %.15g, want %.15g", f->log_likelihood, r->loglik);
    CHECK(f->iterations == r->iter, "%zu iterations, R %zu", f->iterations, r->iter);
    CHECK(isnan(r->theta) ? isnan(f->theta) : fabs(f->theta - r->theta) <= 1e-9 * r->theta,
          "theta %.15g, want %.15g", f->theta, r->theta);
    CHECK(isnan(r->theta_se) ? isnan(f->theta_se)
                             : fabs(f->theta_se - r->theta_se) <= 1e-9 * r->theta_se,
          "theta SE %.15g, want %.15g", f->theta_se, r->theta_se);
    CHECK(f->converged, "not converged");
}

#define COUNTS "tests/fixtures/glm/counts.csv"
static void check_model(const char *rel, const char *y, const char *x1, const char *x2,
                        int intercept, const char *exposure, const char *weight,
                        model_family family, const glm_ref *r, double tol, const char *cluster)
{
    design s;
    design_build(rel, y, x1, x2, intercept, exposure, weight, &s);
    glm_fit *f = fit(&s, family);
    if (f)
        check_ref(&s, f, r, tol, cluster);
    glm_fit_free(f);
    design_free(&s);
}

TEST(test_glm_poisson_with_exposure_matches_r)
{
    check_model(COUNTS, "y", "x1", "x2", 1, "pop", NULL, MODEL_POISSON, &ref_poisson, 1e-10, "g");
}

TEST(test_glm_quasipoisson_takes_pearson_dispersion_and_t_as_r)
{
    check_model(COUNTS, "y", "x1", "x2", 1, "pop", NULL, MODEL_QUASIPOISSON, &ref_quasi, 1e-10, "g");
}

TEST(test_glm_negbin_matches_glm_nb_theta_and_se)
{
    check_model(COUNTS, "y", "x1", "x2", 1, "pop", NULL, MODEL_NEGBIN, &ref_negbin, 1e-10, "g");
}

TEST(test_glm_prior_weights_match_r)
{
    check_model(COUNTS, "y", "x1", "x2", 1, "pop", "w", MODEL_QUASIPOISSON, &ref_quasi_w, 1e-10, "g");
    check_model(COUNTS, "y", "x1", "x2", 1, "pop", "w", MODEL_NEGBIN, &ref_negbin_w, 1e-10, "g");
}

TEST(test_glm_null_deviance_without_intercept_or_offset_matches_r)
{
    check_model(COUNTS, "y", "x1", NULL, 0, "pop", NULL, MODEL_POISSON, &ref_poisson_noint, 1e-10, "g");
    check_model(COUNTS, "y", "x1", "x2", 1, NULL, NULL, MODEL_POISSON, &ref_poisson_nooff, 1e-10, "g");
    check_model(COUNTS, "y", "x1", "x2", 1, NULL, NULL, MODEL_NEGBIN, &ref_negbin_nooff, 1e-10, "g");
}

TEST(test_glm_2013_acts_with_affiliates_as_exposure_match_r)
{
    check_model(DAMIR2013, "nb_actes", "densite_medecins", NULL, 1, "pop_affiliee", NULL,
                MODEL_POISSON, &ref2013_poisson, 1e-10, NULL);
    check_model(DAMIR2013, "nb_actes", "densite_medecins", NULL, 1, "pop_affiliee", NULL,
                MODEL_QUASIPOISSON, &ref2013_quasi, 1e-10, NULL);
    /* R's deviances and log-likelihood carry about 10 digits here: its sums of terms near
     * 1e7 that cancel to about 1 lose 5 digits in double (we sum in long double); below. */
    check_model(DAMIR2013, "nb_actes", "densite_medecins", NULL, 1, "pop_affiliee", NULL,
                MODEL_NEGBIN, &ref2013_negbin, 1e-9, NULL);
}

/* glm.nb's log-likelihood at R's own estimates, in 40-digit arithmetic (Python mpmath 1.3,
 * mp.dps = 40, the sum of lgamma(th + y) − lgamma(th) − lgamma(y + 1) + th log th
 * + y log mu − (th + y) log(th + mu) over the 101 rows, with th = m$theta =
 * 28.062729411965453 and mu = fitted(m) printed with %.17g) is −1421.2110394143417905; R
 * prints −1421.21103925339 (1.1e-10 off, from cancellation in double). */
TEST(test_glm_negbin_loglik_is_exact_where_r_loses_digits)
{
    design s;
    design_build(DAMIR2013, "nb_actes", "densite_medecins", NULL, 1, "pop_affiliee", NULL, &s);
    glm_fit *f = fit(&s, MODEL_NEGBIN);
    if (f)
        CHECK_NEAR(f->log_likelihood, -1421.2110394143417905, 1e-12);
    glm_fit_free(f);
    design_free(&s);
}

/* Group g12 with every count set to 0 and its dummy d12 in the model: R's glm creeps toward
 * −∞ (glm(y2 ~ x1 + x2 + d12, poisson, d, offset = log(pop)) with d$y2 <- ifelse(d$g ==
 * "g12", 0, d$y), d$d12 <- as.numeric(d$g == "g12"): d12 = −19.0841917546798 with SE 1345.3,
 * and the other coefficients −5.97528766191482, 0.376562276027942, 0.0566314092878626, the
 * fit without g12's rows to 14 digits). We leave those 5 rows out and report d12 as
 * separated: the fit is the one without them (ref_*_sep). */
static void separated_design(design *s)
{
    design_build(COUNTS, "y", "x1", "x2", 1, "pop", NULL, s);
    size_t n = s->d.n;
    double *x = malloc(n * 4 * sizeof *x);
    size_t gcol = (size_t)table_col_index(s->t, "g");
    for (size_t i = 0; i < n; i++) {
        int g12 = strcmp(table_text(s->t, i, gcol), "g12") == 0;
        memcpy(x + i * 4, s->x + i * 3, 3 * sizeof *x);
        x[i * 4 + 3] = g12;
        if (g12)
            s->y[i] = 0;
    }
    free(s->x);
    s->x = x;
    s->names[3] = "d12";
    s->d.x = x;
    s->d.p = 4;
}

TEST(test_glm_zero_count_group_is_left_out_as_separated)
{
    static const model_family fams[2] = {MODEL_POISSON, MODEL_NEGBIN};
    static const glm_ref *const refs[2] = {&ref_poisson_sep, &ref_negbin_sep};
    for (int k = 0; k < 2; k++) {
        design s;
        separated_design(&s);
        glm_fit *f = fit(&s, fams[k]);
        if (f) {
            CHECK(f->separated[3] && !f->aliased[3] && isnan(f->coef[3]), "d12 separated");
            CHECK(f->n == 55 && f->n_separated == 5, "n %zu, separated %zu", f->n, f->n_separated);
            glm_fit g = *f; /* the first three columns against the fit without g12 */
            g.p = 3;
            double v[9], cu[9];
            for (size_t a = 0; a < 3; a++)
                for (size_t b = 0; b < 3; b++) {
                    v[a * 3 + b] = f->vcov[a * 4 + b];
                    cu[a * 3 + b] = f->cov_unscaled[a * 4 + b];
                }
            g.vcov = v;
            g.cov_unscaled = cu;
            design s3 = s;
            double *x3 = malloc(s.d.n * 3 * sizeof *x3);
            for (size_t i = 0; i < s.d.n; i++)
                memcpy(x3 + i * 3, s.x + i * 4, 3 * sizeof *x3);
            s3.d.x = x3;
            s3.d.p = 3;
            check_ref(&s3, &g, refs[k], 1e-10, "g");
            free(x3);
            FILE *fp = tmpfile();
            CHECK(glm_warnings(fp, f, s.d.names, "", "\n") == 1, "one warning");
            char line[512] = "";
            rewind(fp);
            CHECK(fgets(line, sizeof line, fp) != NULL, "warning text");
            CHECK(strstr(line, "d12: only zero counts where non-zero") &&
                  strstr(line, "5 rows left out"), "warning: %s", line);
            fclose(fp);
        }
        glm_fit_free(f);
        design_free(&s);
    }
}

/* CR2 for a count model is refused: clubSandwich's CR2 on a glm (vcovCR(m, cluster = d$g,
 * type = "CR2") = 0.0742908328972215, 0.070212190633588, 0.324470144649252 on the Poisson fit)
 * targets the working variance (A_j = W^-1/2 [W^-1 (I - H) W^-1]^-1/2 W^-1/2), which is
 * not the weighted least squares CR2 of cluster.h ((I - H)^-1/2 on √W e: 0.07408, 0.07081,
 * 0.32365); rather than a third definition we offer CR0 and CR1 (vcovCL) for GLMs. */
TEST(test_glm_cr2_is_refused_with_the_alternatives)
{
    design s;
    design_build(COUNTS, "y", "x1", "x2", 1, "pop", NULL, &s);
    glm_fit *f = fit(&s, MODEL_POISSON);
    cluster_ids ids;
    cluster_vcov_result res;
    memset(&res, 0, sizeof res);
    ds_err err;
    ds_err_clear(&err);
    double v[9];
    CHECK(cluster_ids_from_table(s.t, "g", s.rows, s.d.n, &ids, &err) == DS_OK, "%s", err.msg);
    CHECK(f && glm_vcov_cluster(&s.d, f, &ids, 1, CLUSTER_CR2, v, &res, &err) == DS_EUSAGE,
          "CR2 accepted");
    CHECK(strstr(err.msg, "use cr1") != NULL, "%s", err.msg);
    cluster_ids_free(&ids);
    glm_fit_free(f);
    design_free(&s);
}

/* Fits y (n rows) on an intercept and x with an exposure; returns the status and message. */
static int fit_small(const double *y, const double *x, const double *expo, size_t n,
                     model_family fam, int maxit, glm_fit **out, ds_err *err)
{
    double *xx = malloc(2 * n * sizeof *xx), *off = malloc(n * sizeof *off);
    for (size_t i = 0; i < n; i++) {
        xx[2 * i] = 1;
        xx[2 * i + 1] = x[i];
        off[i] = log(expo[i]);
    }
    static const char *const names[2] = {"(Intercept)", "x"};
    glm_data d = {.n = n, .p = 2, .x = xx, .y = y, .offset = off, .has_intercept = 1,
                  .names = names, .response = "visits"};
    glm_options opt;
    glm_options_default(&opt);
    opt.family = fam;
    opt.maxit = maxit;
    ds_err_clear(err);
    glm_fit *f = NULL;
    int rc = glm_fit_design(&d, &opt, &f, err);
    if (out)
        *out = f;
    else
        glm_fit_free(f);
    free(xx), free(off);
    return rc;
}

static const double small_x[8] = {0.5, 1.2, 0.3, 2.2, 1.7, 0.9, 1.4, 2.8};
static const double small_pop[8] = {100, 150, 90, 300, 220, 130, 170, 400};

TEST(test_glm_refuses_negative_and_fractional_counts)
{
    double y[8] = {3, 5, -1, 12, 9, 4, 6, 20};
    ds_err err;
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_QUASIPOISSON, 25, NULL, &err) == DS_EDATA,
          "negative count accepted");
    CHECK_STR(err.msg, "quasipoisson: visits is -1 at row 3: a count must be a number >= 0");
    y[2] = 2.5;
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_POISSON, 25, NULL, &err) == DS_EDATA,
          "fractional count accepted by poisson");
    CHECK(strstr(err.msg, "visits is 2.5 at row 3, not a whole number") &&
          strstr(err.msg, "--family quasipoisson takes any value >= 0"), "%s", err.msg);
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_NEGBIN, 25, NULL, &err) == DS_EDATA,
          "fractional count accepted by negbin");
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_QUASIPOISSON, 25, NULL, &err) == DS_OK,
          "quasipoisson refused a rate: %s", err.msg);
}

TEST(test_glm_refuses_a_non_finite_offset_and_all_zero_counts)
{
    double y[8] = {3, 5, 2, 12, 9, 4, 6, 20}, pop[8];
    memcpy(pop, small_pop, sizeof pop);
    pop[4] = 0; /* log(0) */
    ds_err err;
    CHECK(fit_small(y, small_x, pop, 8, MODEL_POISSON, 25, NULL, &err) == DS_EDATA, "log(0) accepted");
    CHECK_STR(err.msg, "poisson: the offset is not a finite number at row 5");
    double zero[8] = {0};
    CHECK(fit_small(zero, small_x, small_pop, 8, MODEL_POISSON, 25, NULL, &err) == DS_EDATA,
          "all-zero counts accepted");
    CHECK_STR(err.msg, "poisson: every count of visits is 0: there is nothing to fit");
    CHECK(fit_small(y, small_x, small_pop, 2, MODEL_POISSON, 25, NULL, &err) == DS_EDATA,
          "2 rows for 2 coefficients accepted");
    CHECK(strstr(err.msg, "2 rows for 2 coefficients") != NULL, "%s", err.msg);
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_POISSON, 0, NULL, &err) == DS_EUSAGE,
          "maxit 0 accepted");
}

/* Counts less dispersed than Poisson (variance below the mean): glm.nb warns "iteration
 * limit reached" and prints some theta in the thousands; the estimate is infinite. */
TEST(test_glm_negbin_without_overdispersion_says_poisson)
{
    double y[8] = {5, 8, 4, 15, 11, 7, 9, 21};
    ds_err err;
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_NEGBIN, 25, NULL, &err) == DS_EDATA,
          "negbin fitted without overdispersion");
    CHECK(strstr(err.msg, "no overdispersion beyond Poisson") &&
          strstr(err.msg, "fit --family poisson"), "%s", err.msg);
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_POISSON, 25, NULL, &err) == DS_OK, "%s", err.msg);
}

TEST(test_glm_iteration_limit_is_a_named_warning)
{
    double y[8] = {3, 5, 2, 12, 9, 4, 6, 20};
    ds_err err;
    glm_fit *f = NULL;
    CHECK(fit_small(y, small_x, small_pop, 8, MODEL_POISSON, 2, &f, &err) == DS_OK, "%s", err.msg);
    CHECK(f && !f->converged && f->iterations == 2, "2 iterations, not converged");
    char buf[512] = "";
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    /* and, as R's glm, the intercept-only refit for the null deviance did not converge */
    CHECK(f && glm_warnings(fp, f, NULL, "warning: ", "\n") == 2, "two warnings");
    fclose(fp);
    CHECK_STR(buf, "warning: poisson: IRLS did not converge in 2 iterations (the iteration "
                   "limit): the estimates are the last iterate\nwarning: poisson: the "
                   "intercept-only fit for the null deviance did not converge\n");
    glm_fit_free(f);
}

/* A column that only one row informs has a hat value of 1: HC2 and HC3 are 0/0 (sandwich
 * gives NaN), HC0 and HC1 stay defined. */
TEST(test_glm_hc3_undefined_at_leverage_one)
{
    double y[6] = {3, 5, 2, 12, 9, 4}, x[18], off[6];
    for (size_t i = 0; i < 6; i++) {
        x[3 * i] = 1;
        x[3 * i + 1] = small_x[i];
        x[3 * i + 2] = i == 3;
        off[i] = log(small_pop[i]);
    }
    glm_data d = {.n = 6, .p = 3, .x = x, .y = y, .offset = off, .has_intercept = 1};
    glm_options opt;
    glm_options_default(&opt);
    glm_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(glm_fit_design(&d, &opt, &f, &err) == DS_OK, "%s", err.msg);
    double v[9];
    CHECK(f && glm_vcov_hc(&d, f, 3, v) == 1 && isnan(v[4]), "HC3 defined at h = 1");
    CHECK(f && glm_vcov_hc(&d, f, 0, v) == 0 && isfinite(v[4]), "HC0 undefined");
    glm_fit_free(f);
}

/* Counts barely more dispersed than Poisson: theta is finite but large, and glm.nb stops at
 * its limits — R 4.2.2, MASS 7.3-58, set.seed(s); n <- 30; x <- round(runif(n), 2);
 * y <- rpois(n, exp(1 + x)); m <- glm.nb(y ~ x); c(m$theta, m$SE.theta, coef(m),
 * sqrt(diag(vcov(m)))); m$th.warn. Seed 41 ends with "alternation limit reached", seed 45
 * with theta.ml's "iteration limit reached"; we follow the same steps to the same numbers
 * and carry the same warning. Theta there is barely identified (SE 100 times theta) and its
 * score at theta = 5000 is a sum of digamma differences of terms near 8.5 that cancel to
 * 1e-9: the last digits follow the digamma implementation (R's own, GSL's here), so theta
 * and its SE are checked to tol (1e-8 at seed 41, 2e-6 at seed 45), the coefficients and
 * their SEs to 1e-9. */
static void check_limit(const double *x, const double *y, const double *want, int alternation,
                        double tol)
{
    double xx[60];
    for (size_t i = 0; i < 30; i++) {
        xx[2 * i] = 1;
        xx[2 * i + 1] = x[i];
    }
    glm_data d = {.n = 30, .p = 2, .x = xx, .y = y, .has_intercept = 1};
    glm_options opt;
    glm_options_default(&opt);
    opt.family = MODEL_NEGBIN;
    glm_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(glm_fit_design(&d, &opt, &f, &err) == DS_OK, "%s", err.msg);
    if (!f)
        return;
    CHECK_NEAR(f->theta, want[0], tol);
    CHECK_NEAR(f->theta_se, want[1], tol);
    for (size_t j = 0; j < 2; j++) {
        CHECK_NEAR(f->coef[j], want[2 + j], 1e-9);
        CHECK_NEAR(sqrt(f->vcov[j * 2 + j]), want[4 + j], 1e-9);
    }
    CHECK(f->alternation_limit == alternation && f->theta_warning == !alternation &&
          f->converged == !alternation, "the warning glm.nb gives");
    char buf[1024] = "";
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    glm_warnings(fp, f, NULL, "", "\n");
    fclose(fp);
    CHECK(strstr(buf, alternation ? "alternation limit reached" : "iteration limit reached"),
          "%s", buf);
    glm_fit_free(f);
}

TEST(test_glm_negbin_near_poisson_stops_where_glm_nb_stops)
{
    static const double x41[30] = {0.21, 0.97, 0.58, 0.14, 0.84, 0.96, 0.9, 0.52, 0.82, 0.67,
                                   0.69, 0.73, 0.73, 0.29, 0.06, 0.8, 0.84, 0.09, 0.99, 0.11,
                                   0.11, 0.83, 0.28, 0.71, 0.85, 0.5, 0.38, 0.26, 0.48, 0.47};
    static const double y41[30] = {4, 7, 6, 7, 8, 9, 7, 3, 12, 9, 3, 9, 11, 4, 1,
                                   6, 6, 5, 8, 4, 6, 7, 2, 8, 3, 2, 3, 2, 1, 3};
    static const double w41[6] = {328.523347310896, 5406.6982811564, 1.07142144146092,
                                  1.05654341539516, 0.199566363176214, 0.28395321596715};
    static const double x45[30] = {0.63, 0.32, 0.24, 0.38, 0.35, 0.3, 0.23, 0.55, 0.18, 0.01,
                                   0.37, 0.88, 0.31, 0.46, 0.43, 0.41, 0.96, 0.14, 0.41, 0.24,
                                   0.13, 0.32, 0.59, 0.66, 0.89, 0.07, 0.95, 0.75, 0.66, 0.22};
    static const double y45[30] = {4, 3, 3, 6, 3, 4, 12, 3, 1, 2, 2, 8, 4, 4, 4,
                                   4, 6, 5, 3, 3, 3, 4, 3, 5, 7, 3, 11, 3, 6, 2};
    static const double w45[6] = {5335.63959610395, 561026.469621253, 1.00833683648961,
                                  0.991724351618641, 0.183401449919058, 0.318855794399838};
    check_limit(x41, y41, w41, 1, 1e-8);
    check_limit(x45, y45, w45, 0, 2e-6);
}
