/* Spatial regression (model/spatial*.c) against R 4.2.2 with spdep 1.2-7 and spatialreg 1.2-6,
 * method "eigen" unless said otherwise. Tolerances: 1e-6 relative for coefficients, standard
 * errors, λ/ρ, log-likelihoods and impacts, 1e-8 for the LM tests (the issue's). λ is
 * determined to about 1e-8 only (the likelihood is flat to double precision there: R's own
 * optimize lands 1.3e-8 apart with tol 1e-12 and its default), so Moran's I of the spatial
 * residuals, near 0, is checked to 1e-5.
 *
 * Preamble of the R code for the 2013 table (run from the repository root):
 *   library(spdep); library(spatialreg)
 *   d <- read.csv("tests/fixtures/spatial/damir2013-ages.csv", colClasses = c(codep = "character"))
 *   metro <- d[nchar(d$codep) == 2, ]
 *   nb <- read.csv("external-data/departements-contiguite.csv", colClasses = "character")
 *   B <- matrix(0, 96, 96, dimnames = list(metro$codep, metro$codep))
 *   for (r in seq_len(nrow(nb))) B[nb$dep[r], nb$voisin[r]] <- 1
 *   lw <- mat2listw(B, style = "W")
 *   fs <- acte_affilies ~ densite_medecins
 *   fa <- as.formula(paste("acte_affilies ~ densite_medecins +",
 *                          paste(grep("^share_", names(d), value = TRUE), collapse = " + ")))
 * Printed with sprintf("%.17g", ...). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/spatial.h"
#include "t.h"

#define AGES "tests/fixtures/spatial/damir2013-ages.csv"
#define SIMPLE "acte_affilies ~ densite_medecins"
#define AGE "acte_affilies ~ densite_medecins + share_*"

static void fixture(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", t_root(), rel);
}

/* The 2013 fit of formula (metro: the 96 metropolitan rows only), then spatial_run with
 * the weights wo (NULL: contiguity from the shipped file) and model. */
static int run_2013_with(const char *formula, int metro, const weights_options *wo,
                         spatial_model model, spatial_logdet logdet, spatial_result *r)
{
    char path[4096], nb[4096];
    fixture(path, sizeof path, AGES);
    fixture(nb, sizeof nb, "external-data/departements-contiguite.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_load(path, &t, &err);
    char *expanded = t ? model_formula_expand(formula, t) : NULL;
    unsigned char rows[128] = {0};
    model_options mo;
    model_options_default(&mo);
    for (size_t i = 0; metro && t && i < table_nrows(t) && i < 128; i++)
        rows[i] = strlen(table_text(t, i, 0)) == 2;
    mo.rows = metro ? rows : NULL;
    model_fit *f = NULL;
    if (!rc)
        rc = model_fit_formula(t, expanded, &mo, &f, &err);
    spatial_request rq = {.key_col = "codep", .lm_tests = 1, .fit = 1};
    weights_options_default(&rq.weights);
    rq.weights.kind = WEIGHTS_FILE;
    rq.weights.neighbours = nb;
    if (wo)
        rq.weights = *wo;
    spatial_options_default(&rq.opts);
    rq.opts.model = model;
    rq.opts.logdet = logdet;
    if (!rc)
        rc = spatial_run(t, f, &mo, &rq, r, &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    model_fit_free(f);
    free(expanded);
    table_free(t);
    return rc;
}

static int run_2013(const char *formula, spatial_model model, spatial_logdet logdet,
                    spatial_result *r)
{
    return run_2013_with(formula, 0, NULL, model, logdet, r);
}

static void check_terms(const spatial_fit *f, const double *est, const double *se, size_t m)
{
    CHECK(f->p >= m, "p = %zu", f->p);
    for (size_t j = 0; j < m && j < f->p; j++) {
        CHECK_NEAR(f->terms[j].estimate, est[j], 1e-6);
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-6);
    }
}

/* e <- errorsarlm(fs, metro, lw, method = "eigen")
 * c(e$lambda, e$lambda.se, e$LL, e$s2, AIC(e), 2 * (e$LL - e$logLik_lm.model)); coef(e)[2:3];
 * e$rest.se; moran.test(residuals(e), lw)$estimate[c(1, 3)] */
TEST(test_spatial_error_model_matches_errorsarlm_on_2013_simple_model)
{
    spatial_result r;
    if (run_2013(SIMPLE, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    const spatial_fit *f = r.fit;
    CHECK(f->n == 96 && r.w->n_dropped == 5 && !f->sparse && !f->at_bound, "n %zu", f->n);
    CHECK_STR(r.w->dropped[0], "971");
    CHECK_NEAR(f->coef, 0.8525241881499559, 1e-6);
    CHECK_NEAR(f->coef_se, 0.046880604458516432, 1e-6);
    CHECK_NEAR(f->log_lik, -27.063003130247097, 1e-10);
    CHECK_NEAR(f->sigma2, 0.079288436544298332, 1e-6);
    CHECK_NEAR(f->aic, 62.126006260494194, 1e-10);
    CHECK_NEAR(f->lr, 86.487825894021796, 1e-10);
    check_terms(f, (const double[]){3.5100050504654465, 0.0034356558278971741},
                (const double[]){0.30853063611700077, 0.0012626853529526267}, 2);
    CHECK_NEAR(f->moran.i, -0.017945634591196538, 1e-5);
    CHECK_NEAR(f->moran.variance, 0.0045176081890451391, 1e-8);
    spatial_result_free(&r);
}

/* The same with fa: the issue's +0.59 per +100 GPs. */
TEST(test_spatial_error_model_matches_errorsarlm_on_2013_age_model)
{
    spatial_result r;
    if (run_2013(AGE, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    const spatial_fit *f = r.fit;
    CHECK(f->n == 96 && f->p == 20, "n %zu p %zu", f->n, f->p);
    CHECK_NEAR(f->coef, 0.87569340560991105, 1e-6);
    CHECK_NEAR(f->coef_se, 0.041329327562936453, 1e-6);
    CHECK_NEAR(f->log_lik, -12.915051161067524, 1e-9);
    CHECK_NEAR(f->sigma2, 0.057604430555255333, 1e-6);
    CHECK_NEAR(f->aic, 69.830102322135048, 1e-9);
    CHECK_NEAR(f->lr, 60.053026905206451, 1e-9);
    check_terms(f, (const double[]){-99.280920260157671, 0.0058914508818817997},
                (const double[]){73.436796128655587, 0.001483934701115405}, 2);
    CHECK_NEAR(f->moran.i, 0.01893764257489854, 1e-5);
    spatial_result_free(&r);
}

/* l <- lagsarlm(fs, metro, lw, method = "eigen"); c(l$rho, l$rho.se, l$LL, l$s2);
 * coef(l)[2:3]; l$rest.se; im <- impacts(l, listw = lw); c(im$direct, im$indirect, im$total) */
TEST(test_spatial_lag_model_and_impacts_match_lagsarlm_on_2013)
{
    spatial_result r;
    if (run_2013(SIMPLE, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, &r))
        return;
    const spatial_fit *f = r.fit;
    CHECK_NEAR(f->coef, 0.82942516948615896, 1e-6);
    CHECK_NEAR(f->coef_se, 0.049097966725531669, 1e-6);
    CHECK_NEAR(f->log_lik, -26.89379303523711, 1e-10);
    CHECK_NEAR(f->sigma2, 0.080762560373133147, 1e-6);
    check_terms(f, (const double[]){0.21458105681307621, 0.0027175706577935643},
                (const double[]){0.22915660435691396, 0.0010136578044492794}, 2);
    CHECK(f->n_impacts == 1, "%zu impacts", f->n_impacts);
    if (f->n_impacts == 1) {
        CHECK_STR(f->impacts[0].name, "densite_medecins");
        CHECK_NEAR(f->impacts[0].direct, 0.0037313503452808526, 1e-6);
        CHECK_NEAR(f->impacts[0].indirect, 0.012200488189203584, 1e-6);
        CHECK_NEAR(f->impacts[0].total, 0.015931838534484436, 1e-6);
        CHECK(isnan(f->impacts[0].direct_se), "no draws: no simulated SE");
    }
    spatial_result_free(&r);
    /* The age model (fa): c(l$rho, l$rho.se, l$LL); coef(l)[3]; l$rest.se[2]; impacts */
    if (run_2013(AGE, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, &r))
        return;
    f = r.fit;
    CHECK_NEAR(f->coef, 0.75847693042256603, 1e-6);
    CHECK_NEAR(f->coef_se, 0.060346675349750488, 1e-6);
    CHECK_NEAR(f->log_lik, -9.452004403014044, 1e-9);
    CHECK_NEAR(f->terms[1].estimate, 0.0052007440082317393, 1e-6);
    CHECK_NEAR(f->terms[1].std_error, 0.0013112140956509529, 1e-6);
    CHECK_NEAR(f->impacts[0].direct, 0.0065325388237039185, 1e-6);
    CHECK_NEAR(f->impacts[0].indirect, 0.01500057607637955, 1e-6);
    CHECK_NEAR(f->impacts[0].total, 0.021533114900083469, 1e-6);
    spatial_result_free(&r);
}

/* m <- lagsarlm(fs, metro, lw, method = "eigen", Durbin = TRUE): c(m$rho, m$rho.se, m$LL);
 * coef(m)[2:4]; m$rest.se; impacts(m, listw = lw) */
TEST(test_spatial_durbin_model_matches_lagsarlm_durbin_on_2013)
{
    spatial_result r;
    if (run_2013(SIMPLE, SPATIAL_DURBIN, SPATIAL_LOGDET_AUTO, &r))
        return;
    const spatial_fit *f = r.fit;
    CHECK(f->p == 3, "p %zu", f->p);
    CHECK_STR(f->terms[2].name, "lag.densite_medecins");
    CHECK_NEAR(f->coef, 0.84224335314291043, 1e-6);
    CHECK_NEAR(f->coef_se, 0.049064831225171981, 1e-6);
    CHECK_NEAR(f->log_lik, -26.577866434564569, 1e-10);
    check_terms(f,
                (const double[]){0.31220871137981182, 0.0033559822554032584,
                                 -0.0014761813061892469},
                (const double[]){0.27071509397458698, 0.0012657404029295792,
                                 0.0018244785489929666}, 3);
    CHECK_NEAR(f->impacts[0].direct, 0.0040007496201808516, 1e-6);
    CHECK_NEAR(f->impacts[0].indirect, 0.0079150776154024924, 1e-6);
    CHECK_NEAR(f->impacts[0].total, 0.011915827235583343, 1e-6);
    spatial_result_free(&r);
}

/* s <- lmSLX(fs, metro, lw); coef(s); summary(s)$coefficients[, 2]; logLik(s);
 * is <- impacts(s); unlist(is$impacts); unlist(is$se); lm.morantest(s, lw)$estimate */
TEST(test_spatial_slx_model_and_impacts_match_lmSLX_on_2013)
{
    spatial_result r;
    if (run_2013(SIMPLE, SPATIAL_SLX, SPATIAL_LOGDET_AUTO, &r))
        return;
    const spatial_fit *f = r.fit;
    check_terms(f,
                (const double[]){2.3890609920567809, 0.0031835297792515934,
                                 0.0063909369400828916},
                (const double[]){0.43328111869609581, 0.0022484571405967926,
                                 0.0031499192853221979}, 3);
    CHECK_NEAR(f->log_lik, -68.227940077021884, 1e-10);
    CHECK(isnan(f->coef), "slx has no λ or ρ");
    const spatial_impact *m = f->impacts;
    CHECK_NEAR(m->direct, 0.0031835297792515934, 1e-8);
    CHECK_NEAR(m->indirect, 0.0063909369400828916, 1e-8);
    CHECK_NEAR(m->total, 0.0095744667193344846, 1e-8);
    CHECK_NEAR(m->direct_se, 0.0022484571405967926, 1e-8);
    CHECK_NEAR(m->indirect_se, 0.0031499192853221979, 1e-8);
    CHECK_NEAR(m->total_se, 0.0023825208210221734, 1e-8);
    CHECK_NEAR(f->moran.i, 0.64674208397769284, 1e-10);
    CHECK_NEAR(f->moran.expected, -0.018049363836851968, 1e-10);
    CHECK_NEAR(f->moran.variance, 0.0045075123343929213, 1e-10);
    spatial_result_free(&r);
}

static void check_lm(const spatial_lm_tests *t, const double s[5])
{
    CHECK_NEAR(t->lm_err.statistic, s[0], 1e-8);
    CHECK_NEAR(t->lm_lag.statistic, s[1], 1e-8);
    CHECK_NEAR(t->rlm_err.statistic, s[2], 1e-8);
    CHECK_NEAR(t->rlm_lag.statistic, s[3], 1e-8);
    CHECK_NEAR(t->sarma.statistic, s[4], 1e-8);
    CHECK(t->lm_err.df == 1 && t->sarma.df == 2, "df");
}

/* t <- lm.LMtests(lm(F, metro), lw, test = "all"); sapply(t, function(x) x$statistic);
 * sapply(t, function(x) x$p.value) */
TEST(test_spatial_lm_tests_match_spdep_lm_LMtests_on_2013)
{
    spatial_result r;
    if (run_2013(SIMPLE, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    check_lm(&r.lm, (const double[]){84.395857618299814, 88.045478817025682,
                                     0.41957224179213254, 4.0691934405179948,
                                     88.465051058817807});
    CHECK_NEAR(r.lm.rlm_err.p, 0.51715056448066377, 1e-8);
    CHECK_NEAR(r.lm.rlm_lag.p, 0.04367212256542119, 1e-8);
    /* spdep's p is 1 − pchisq, 0 here; ours is the upper tail */
    CHECK(r.lm.lm_err.p > 0 && r.lm.lm_err.p < 1e-18, "p %g", r.lm.lm_err.p);
    spatial_result_free(&r);
    /* The age model's design is ill-conditioned (18 shares that nearly sum to 1): spdep's
     * (WXb)'M(WXb) = |Wŷ|² − (X'Wŷ)'(X'X)⁻¹X'Wŷ cancels and loses 2e-7, where we take the
     * residuals of Wŷ on X. The same formulas with R's stable projection:
     *   m <- lm(fa, metro); u <- residuals(m); N <- 96; s2 <- sum(u^2) / N
     *   TrW <- spdep:::tracew(lw); Wyhat <- lag.listw(lw, fitted(m))
     *   dWu <- sum(u * lag.listw(lw, u)) / s2
     *   dWy <- sum(u * lag.listw(lw, metro$acte_affilies)) / s2
     *   NJ <- sum(qr.resid(m$qr, Wyhat)^2) / s2 + TrW
     *   c(dWu^2 / TrW, dWy^2 / NJ, (dWu - TrW / NJ * dWy)^2 / (TrW * (1 - TrW / NJ)),
     *     (dWy - dWu)^2 / (NJ - TrW), (dWy - dWu)^2 / (NJ - TrW) + dWu^2 / TrW) */
    if (run_2013(AGE, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    check_lm(&r.lm, (const double[]){26.1388413031956155, 57.9333287331765163,
                                     5.0556581076551383, 36.8501455376360454,
                                     62.9889868408316573});
    /* spdep's own values (lm.LMtests(lm(fa, metro), lw, test = "all")), to 1e-5 */
    CHECK_NEAR(r.lm.lm_lag.statistic, 57.933315947454098, 1e-6);
    CHECK_NEAR(r.lm.rlm_err.statistic, 5.0556441088055459, 1e-5);
    CHECK_NEAR(r.lm.rlm_lag.statistic, 36.850118753064017, 1e-6);
    CHECK_NEAR(r.lm.lm_err.p, 3.1772793007700528e-07, 1e-7);
    CHECK_NEAR(r.lm.rlm_err.p, 0.024545856813992462, 1e-5);
    spatial_result_free(&r);
}

/* The sparse log-determinant gives the eigenvalue method's estimates; its standard errors
 * are the observed information's. R (preamble), the profile log-likelihood's Hessian written
 * out, checked against numDeriv::hessian(f, th, method.args = list(d = 1e-3, r = 6)):
 *   W <- listw2mat(lw); ev <- Re(eigen(W, only.values = TRUE)$values)
 *   y <- metro$acte_affilies; X <- cbind(1, metro$densite_medecins); n <- 96
 *   l <- lagsarlm(fs, metro, lw, method = "eigen"); th <- c(l$rho, coef(l)[-1])
 *   r <- drop(y - th[1] * W %*% y - X %*% th[-1]); SSE <- sum(r^2)
 *   J <- cbind(-W %*% y, -X); g <- 2 * t(J) %*% r
 *   H <- -n/2 * (2 * t(J) %*% J / SSE - g %*% t(g) / SSE^2)
 *   H[1, 1] <- H[1, 1] - sum((ev / (1 - th[1] * ev))^2); sqrt(diag(solve(-H)))
 * and for the error model spatialreg's own numerical Hessian:
 *   errorsarlm(fs, metro, lw, method = "Matrix", control = list(small_asy = FALSE))$lambda.se */
TEST(test_spatial_sparse_logdet_fits_agree_with_eigen_and_observed_information)
{
    spatial_result e, s;
    if (run_2013(SIMPLE, SPATIAL_LAG, SPATIAL_LOGDET_EIGEN, &e))
        return;
    if (run_2013(SIMPLE, SPATIAL_LAG, SPATIAL_LOGDET_SPARSE, &s)) {
        spatial_result_free(&e);
        return;
    }
    CHECK(s.fit->sparse && !e.fit->sparse, "methods");
    CHECK_NEAR(s.fit->coef, e.fit->coef, 1e-7);
    CHECK_NEAR(s.fit->log_lik, e.fit->log_lik, 1e-12);
    CHECK_NEAR(s.fit->terms[1].estimate, e.fit->terms[1].estimate, 1e-7);
    CHECK_NEAR(s.fit->impacts[0].direct, e.fit->impacts[0].direct, 1e-7);
    CHECK_NEAR(s.fit->coef_se, 0.053358607250517, 1e-7);
    CHECK_NEAR(s.fit->terms[0].std_error, 0.252119662218254, 1e-7);
    CHECK_NEAR(s.fit->terms[1].std_error, 0.000988503502692, 1e-7);
    spatial_result_free(&e);
    spatial_result_free(&s);
    if (run_2013(SIMPLE, SPATIAL_ERROR, SPATIAL_LOGDET_SPARSE, &s))
        return;
    CHECK_NEAR(s.fit->coef_se, 0.051210038070141795, 1e-5);  /* fdHess is itself approximate */
    CHECK_NEAR(s.fit->terms[1].std_error, 0.0012626853529526267, 1e-6); /* rest.se */
    spatial_result_free(&s);
}

/* Weights from the centroids of tests/fixtures/spatial/centroides-metro.csv, R (preamble):
 *   cc <- read.csv("tests/fixtures/spatial/centroides-metro.csv", colClasses = c(dep = "character"))
 *   cc <- cc[match(metro$codep, cc$dep), ]
 *   hav <- function(lon1, lat1, lon2, lat2) { r <- pi / 180
 *     a <- sin((lat2 - lat1) * r / 2)^2 + cos(lat1 * r) * cos(lat2 * r) * sin((lon2 - lon1) * r / 2)^2
 *     2 * 6371.0088 * asin(pmin(1, sqrt(a))) }
 *   D <- outer(1:96, 1:96, function(i, j) hav(cc$lon[i], cc$lat[i], cc$lon[j], cc$lat[j]))
 *   K <- matrix(0, 96, 96); for (i in 1:96) K[i, order(D[i, ], 1:96)[2:5]] <- 1
 *   lwk <- mat2listw(K, style = "W")   # 4 nearest: asymmetric, complex eigenvalues
 *   ek <- errorsarlm(fs, metro, lwk, method = "eigen"); c(ek$lambda, ek$lambda.se, ek$LL)
 *   lk <- lagsarlm(fs, metro, lwk, method = "eigen"); c(lk$rho, lk$rho.se, lk$LL)
 *   im <- impacts(lk, listw = lwk); c(im$direct, im$indirect, im$total) */
TEST(test_spatial_knn_weights_with_complex_eigenvalues_match_spatialreg)
{
    char cpath[4096];
    fixture(cpath, sizeof cpath, "tests/fixtures/spatial/centroides-metro.csv");
    weights_options wo;
    weights_options_default(&wo);
    wo.kind = WEIGHTS_KNN;
    wo.k = 4;
    wo.centroids = cpath;
    spatial_result r;
    if (run_2013_with(SIMPLE, 1, &wo, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    CHECK(!r.w->symmetric && r.fit->n == 96, "knn");
    check_terms(r.fit, (const double[]){3.8968558684592969, 0.0022860055726513918},
                (const double[]){0.30151805470523962, 0.0013538539941037315}, 2);
    CHECK_NEAR(r.fit->coef, 0.81220070389086207, 1e-6);
    CHECK_NEAR(r.fit->coef_se, 0.05519147116034142, 1e-6);
    CHECK_NEAR(r.fit->log_lik, -32.808271329251212, 1e-10);
    spatial_result_free(&r);
    if (run_2013_with(SIMPLE, 1, &wo, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, &r))
        return;
    check_terms(r.fit, (const double[]){0.54693174798809341, 0.0017653569612524408},
                (const double[]){0.28452123680976238, 0.0010715834691667661}, 2);
    CHECK_NEAR(r.fit->coef, 0.79830933327830811, 1e-6);
    CHECK_NEAR(r.fit->coef_se, 0.057144866581719266, 1e-6);
    CHECK_NEAR(r.fit->log_lik, -32.903529848501023, 1e-10);
    CHECK_NEAR(r.fit->impacts[0].direct, 0.002252128029903832, 1e-6);
    CHECK_NEAR(r.fit->impacts[0].indirect, 0.0065006664843233163, 1e-6);
    CHECK_NEAR(r.fit->impacts[0].total, 0.0087527945142271482, 1e-6);
    spatial_result_free(&r);
}

/* A distance band of 80 km leaves 8 departments without a neighbour; kept (zero lag):
 *   Bd <- (D <= 80) * 1; diag(Bd) <- 0
 *   lwd <- nb2listw(mat2listw(Bd)$neighbours, style = "W", zero.policy = TRUE)
 *   ed <- errorsarlm(fs, metro, lwd, method = "eigen", zero.policy = TRUE)
 *   c(ed$lambda, ed$lambda.se, ed$LL); coef(ed)[-1]; ed$rest.se
 *   moran.test(residuals(ed), lwd, zero.policy = TRUE)$estimate
 *     (I moves by 15 × Δλ here: I is from the fit with control = list(tol.opt = 1e-12), whose λ
 *     is 8.7e-8 from the default's; E and Var do not depend on λ)
 *   sapply(lm.LMtests(lm(fs, metro), lwd, test = "all", zero.policy = TRUE), function(x) x$statistic) */
TEST(test_spatial_band_weights_with_islands_kept_match_zero_policy)
{
    char cpath[4096];
    fixture(cpath, sizeof cpath, "tests/fixtures/spatial/centroides-metro.csv");
    weights_options wo;
    weights_options_default(&wo);
    wo.kind = WEIGHTS_BAND;
    wo.band_km = 80;
    wo.centroids = cpath;
    wo.islands = WEIGHTS_ISLANDS_KEEP;
    spatial_result r;
    if (run_2013_with(SIMPLE, 1, &wo, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    CHECK(r.w->n == 96 && r.w->n_islands == 8 && !r.refit, "islands kept");
    CHECK_NEAR(r.fit->coef, 0.60889854223316531, 1e-6);
    CHECK_NEAR(r.fit->coef_se, 0.064910648203051674, 1e-6);
    CHECK_NEAR(r.fit->log_lik, -45.447723646859004, 1e-10);
    check_terms(r.fit, (const double[]){3.4311751825358434, 0.0038582929441655679},
                (const double[]){0.2926405364989827, 0.001528640740932446}, 2);
    CHECK_NEAR(r.fit->moran.i, -0.00587245817825037, 1e-5);
    CHECK_NEAR(r.fit->moran.expected, -0.011494252873563218, 1e-12);
    CHECK_NEAR(r.fit->moran.variance, 0.011719455488497878, 1e-8);
    check_lm(&r.lm, (const double[]){40.11102930563478, 6.4186513364244258, 33.692531834211124,
                                     0.00015386500075998571, 40.111183170635542});
    spatial_result_free(&r);
    /* dropped instead: 88 departments, the model refitted on them */
    wo.islands = WEIGHTS_ISLANDS_DROP;
    if (run_2013_with(SIMPLE, 1, &wo, SPATIAL_ERROR, SPATIAL_LOGDET_AUTO, &r))
        return;
    CHECK(r.w->n == 88 && r.w->n_dropped == 8 && r.refit && r.refit->n == 88, "dropped");
    spatial_result_free(&r);
}
