/* Spatial fits on generated data with a planted spatial error (λ = 0.6) and a planted
 * spatial lag (ρ = 0.5), binary weights, k nearest neighbours (complex eigenvalues), kept
 * islands, and the bad cases (λ at the interval's end, a singular design). R 4.2.2, spdep
 * 1.2-7, spatialreg 1.2-6, method "eigen"; the fixture tests/fixtures/spatial/
 * planted-lattice.csv was made by this R code (SOURCE.md there):
 *   nr <- 15; nc <- 12; n <- nr * nc    # rook lattice, unit (r, c) at r * 12 + c, as weights_lattice
 *   B <- matrix(0, n, n)
 *   for (r in 0:(nr-1)) for (c in 0:(nc-1)) { i <- r*nc + c + 1
 *     if (r > 0) B[i, i - nc] <- 1; if (r < nr-1) B[i, i + nc] <- 1
 *     if (c > 0) B[i, i - 1] <- 1;  if (c < nc-1) B[i, i + 1] <- 1 }
 *   lw <- mat2listw(B, style = "W"); lwb <- mat2listw(B, style = "B"); W <- listw2mat(lw)
 *   set.seed(15); x1 <- rnorm(n); x2 <- runif(n)
 *   y_error <- drop(1 + 2 * x1 - x2 + solve(diag(n) - 0.6 * W) %*% rnorm(n))
 *   y_lag <- drop(solve(diag(n) - 0.5 * W) %*% (1 + 2 * x1 - x2 + rnorm(n)))
 *   d <- data.frame(cell = seq_len(n), x1, x2, y_error, y_lag)   # written with %.17g */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/spatial.h"
#include "t.h"

#define CELLS 180

struct lattice {
    double x[3 * CELLS], y_error[CELLS], y_lag[CELLS];
};

static const char *const names3[] = {"(Intercept)", "x1", "x2"};

static int load_lattice(struct lattice *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/spatial/planted-lattice.csv", t_root());
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_load(path, &t, &err);
    CHECK(rc == DS_OK && table_nrows(t) == CELLS, "%s", err.msg);
    for (size_t i = 0; !rc && i < CELLS; i++) {
        d->x[3 * i] = 1;
        d->x[3 * i + 1] = table_num(t, i, 1);
        d->x[3 * i + 2] = table_num(t, i, 2);
        d->y_error[i] = table_num(t, i, 3);
        d->y_lag[i] = table_num(t, i, 4);
    }
    table_free(t);
    return rc;
}

static spatial_fit *fit(const double *y, const double *x, size_t n, const weights_t *w,
                        spatial_model model, spatial_logdet logdet, size_t draws)
{
    spatial_options opt;
    spatial_options_default(&opt);
    opt.model = model;
    opt.logdet = logdet;
    opt.impacts_draws = draws;
    spatial_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(spatial_fit_ml(y, x, n, 3, names3, w, &opt, &f, &err) == DS_OK, "%s", err.msg);
    return f;
}

static void check_fit(const spatial_fit *f, const double c[3], const double *beta,
                      const double *se, size_t p)
{
    if (!f)
        return;
    CHECK_NEAR(f->coef, c[0], 1e-6);
    CHECK_NEAR(f->coef_se, c[1], 1e-6);
    CHECK_NEAR(f->log_lik, c[2], 1e-10);
    for (size_t j = 0; j < p; j++) {
        CHECK_NEAR(f->terms[j].estimate, beta[j], 1e-6);
        CHECK_NEAR(f->terms[j].std_error, se[j], 1e-6);
    }
}

/* e <- errorsarlm(y_error ~ x1 + x2, d, lw, method = "eigen")
 * c(e$lambda, e$lambda.se, e$LL); coef(e)[-1]; e$rest.se. The sparse method agrees. */
TEST(test_spatial_planted_error_on_lattice_matches_errorsarlm)
{
    struct lattice d;
    if (load_lattice(&d))
        return;
    weights_t *w = weights_lattice(15, 12, WEIGHTS_W);
    spatial_fit *f = fit(d.y_error, d.x, CELLS, w, SPATIAL_ERROR, SPATIAL_LOGDET_EIGEN, 0);
    check_fit(f, (const double[]){0.59610480712141789, 0.072277460102501037, -265.26973873539634},
              (const double[]){1.158751915632269, 1.9965153964757352, -1.2093925593250519},
              (const double[]){0.22246851007871796, 0.069553004762788334, 0.2402707691986366},
              3);
    spatial_fit *s = fit(d.y_error, d.x, CELLS, w, SPATIAL_ERROR, SPATIAL_LOGDET_SPARSE, 0);
    if (f && s) {
        CHECK_NEAR(s->coef, f->coef, 1e-7);
        CHECK_NEAR(s->terms[1].estimate, f->terms[1].estimate, 1e-7);
        CHECK_NEAR(s->terms[1].std_error, f->terms[1].std_error, 1e-6);
        CHECK_NEAR(s->log_lik, f->log_lik, 1e-12);
    }
    spatial_fit_free(f);
    spatial_fit_free(s);
    weights_free(w);
}

/* l <- lagsarlm(y_lag ~ x1 + x2, d, lw, method = "eigen"): c(l$rho, l$rho.se, l$LL);
 * coef(l)[-1]; l$rest.se; im <- impacts(l, listw = lw): direct, indirect, total of x1, x2 */
TEST(test_spatial_planted_lag_on_lattice_matches_lagsarlm_with_impacts)
{
    struct lattice d;
    if (load_lattice(&d))
        return;
    weights_t *w = weights_lattice(15, 12, WEIGHTS_W);
    spatial_fit *f = fit(d.y_lag, d.x, CELLS, w, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, 0);
    check_fit(f, (const double[]){0.52455845481315277, 0.044158254485270942, -264.28525084690631},
              (const double[]){0.94430007349340506, 1.8857514487058602, -0.87331110161517123},
              (const double[]){0.16048439818576349, 0.074711772284511258, 0.26089471374725037},
              3);
    const double want[2][3] = {{2.0573004814834732, 1.9090156046817883, 3.9663160861652615},
                               {-0.95275724224990244, -0.88408497411964593, -1.8368422163695484}};
    for (size_t r = 0; f && r < 2 && f->n_impacts == 2; r++) {
        CHECK_STR(f->impacts[r].name, names3[r + 1]);
        CHECK_NEAR(f->impacts[r].direct, want[r][0], 1e-6);
        CHECK_NEAR(f->impacts[r].indirect, want[r][1], 1e-6);
        CHECK_NEAR(f->impacts[r].total, want[r][2], 1e-6);
    }
    spatial_fit_free(f);
    weights_free(w);
}

/* Simulated impacts: set.seed(1); summary(impacts(l, listw = lw, R = 20000), zstats = TRUE)$semat
 * (the SD of each impact over the draws). Different random numbers: 20,000 draws each
 * side, so the two SDs agree to a few per cent (Monte Carlo error of an SD ≈ 1/√(2R) =
 * 0.5 %); the same seed repeats our draws exactly, another seed changes them. */
TEST(test_spatial_impact_draws_match_spatialreg_sd_and_repeat_with_the_seed)
{
    struct lattice d;
    if (load_lattice(&d))
        return;
    weights_t *w = weights_lattice(15, 12, WEIGHTS_W);
    spatial_fit *a = fit(d.y_lag, d.x, CELLS, w, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, 20000);
    spatial_fit *b = fit(d.y_lag, d.x, CELLS, w, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, 20000);
    const double sd[2][3] = {{0.079544405858117853, 0.33713683605130973, 0.37511996666963265},
                             {0.28582773011489276, 0.31799171779726876, 0.58514215978951578}};
    for (size_t r = 0; a && b && r < 2; r++) {
        CHECK_NEAR(a->impacts[r].direct_se, sd[r][0], 0.03);
        CHECK_NEAR(a->impacts[r].indirect_se, sd[r][1], 0.03);
        CHECK_NEAR(a->impacts[r].total_se, sd[r][2], 0.03);
        CHECK(a->impacts[r].total_se == b->impacts[r].total_se, "same seed, same draws");
    }
    CHECK(a && a->impacts_draws == 20000, "all draws inside the interval");
    spatial_fit_free(b);
    spatial_options opt;
    spatial_options_default(&opt);
    opt.model = SPATIAL_LAG;
    opt.impacts_draws = 500;
    opt.seed = 7;
    ds_err err;
    ds_err_clear(&err);
    b = NULL;
    CHECK(spatial_fit_ml(d.y_lag, d.x, CELLS, 3, names3, w, &opt, &b, &err) == DS_OK, "%s",
          err.msg);
    CHECK(a && b && a->impacts[0].total_se != b->impacts[0].total_se, "another seed");
    spatial_fit_free(a);
    spatial_fit_free(b);
    weights_free(w);
}

/* Binary weights: lagsarlm(y_lag ~ x1 + x2, d, lwb, method = "eigen") and with
 * Durbin = TRUE (lag.(Intercept) is the neighbour count): c(m$rho, m$rho.se, m$LL);
 * coef(m)[-1]; m$rest.se. No impacts (spatialreg's impacts() refuses style B). */
TEST(test_spatial_binary_weights_lag_and_durbin_match_lagsarlm)
{
    struct lattice d;
    if (load_lattice(&d))
        return;
    weights_t *w = weights_lattice(15, 12, WEIGHTS_B);
    spatial_fit *f = fit(d.y_lag, d.x, CELLS, w, SPATIAL_LAG, SPATIAL_LOGDET_AUTO, 0);
    check_fit(f, (const double[]){0.14111365932697831, 0.011957041039236602, -264.54723377258688},
              (const double[]){0.91995642290197088, 1.8927346803090681, -0.8469792318485746},
              (const double[]){0.16182039799002823, 0.074739942023000563, 0.26147853178592756},
              3);
    CHECK(f && f->n_impacts == 0 && !f->impacts, "no impacts with B");
    spatial_fit_free(f);
    f = fit(d.y_lag, d.x, CELLS, w, SPATIAL_DURBIN, SPATIAL_LOGDET_AUTO, 0);
    check_fit(f, (const double[]){0.15587723065161496, 0.018366433052424039, -263.94446444302707},
              (const double[]){0.89342431021856894, 1.8802475670983085, -0.83902645100579143,
                               -0.039481538389062258, -0.055372422241321148,
                               0.057898910679893216},
              (const double[]){0.57322555851546608, 0.074728186491858431, 0.25880701388232041,
                               0.1627495165531585, 0.055270785071649203, 0.13330223266911731},
              6);
    CHECK(f && f->p == 6, "p");
    if (f && f->p == 6)
        CHECK_STR(f->terms[3].name, "lag.(Intercept)");
    spatial_fit_free(f);
    weights_free(w);
}

/* On a ring of ten, y alternating ±1 has Wy = −y exactly: with an intercept only, the
 * likelihood grows without bound as λ → −1 (the end of the interval): at_bound, not an
 * error (spatialreg warns "lambda on interval bound - results should not be used"). With
 * x alternating too, its lag is −x: the durbin design is singular, an error. */
TEST(test_spatial_lambda_at_the_bound_and_singular_durbin_design)
{
    size_t from[20], to[20], n = 10;
    for (size_t i = 0; i < n; i++) {
        from[2 * i] = from[2 * i + 1] = i;
        to[2 * i] = (i + 1) % n;
        to[2 * i + 1] = (i + n - 1) % n;
    }
    weights_t *w = weights_from_pairs(n, from, to, 2 * n, WEIGHTS_W);
    double y[10], x[20], one[10];
    for (size_t i = 0; i < n; i++) {
        y[i] = i % 2 ? 1 : -1;
        one[i] = x[2 * i] = 1;
        x[2 * i + 1] = i % 2 ? 2 : -2;
    }
    spatial_options opt;
    spatial_options_default(&opt);
    spatial_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    const char *const name1[] = {"(Intercept)"}, *const name2[] = {"(Intercept)", "x"};
    CHECK(spatial_fit_ml(y, one, n, 1, name1, w, &opt, &f, &err) == DS_OK, "%s", err.msg);
    CHECK(f && f->at_bound && f->coef < -0.999, "λ = %g at bound %d", f ? f->coef : NAN,
          f ? f->at_bound : -1);
    spatial_fit_free(f);
    opt.model = SPATIAL_DURBIN;
    for (size_t i = 0; i < n; i++)
        y[i] = (double)(i * i % 7);
    CHECK(spatial_fit_ml(y, x, n, 2, name2, w, &opt, &f, &err) == DS_EDATA && !f, "singular");
    CHECK(strstr(err.msg, "rank deficient"), "%s", err.msg);
    ds_err_clear(&err);
    opt.model = SPATIAL_ERROR;
    CHECK(spatial_fit_ml(y, x, 3, 2, name2, w, &opt, &f, &err) == DS_EDATA, "rows ≠ units");
    weights_free(w);
}
