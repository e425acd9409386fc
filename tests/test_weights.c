/* Spatial weights (model/weights*.c), the log-determinants behind the spatial fits, and
 * Conley standard errors. R 4.2.2 with spdep 1.2-7; the R code beside each value. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/conley.h"
#include "damirstat/table.h"
#include "damirstat/weights.h"
#include "../src/model/spatial_impl.h"
#include "t.h"

static void fixture(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", t_root(), rel);
}

/* The 96 metropolitan departments of the 2013 fixture, in file order. */
static size_t metro_keys(table_t **t, const char **keys)
{
    char path[4096];
    fixture(path, sizeof path, "tests/fixtures/spatial/damir2013-ages.csv");
    ds_err err;
    ds_err_clear(&err);
    *t = NULL;
    CHECK(table_load(path, t, &err) == DS_OK, "%s", err.msg);
    size_t m = 0;
    for (size_t r = 0; *t && r < table_nrows(*t); r++)
        if (strlen(table_text(*t, r, 0)) == 2)
            keys[m++] = table_text(*t, r, 0);
    return m;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", t_tmpdir(), name);
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
    return path;
}

TEST(test_weights_contiguity_over_all_departments_drops_corsica_pair_and_overseas)
{
    const char *keys[] = {"75", "92", "93", "94", "971", "2A"};
    weights_options opt;
    weights_options_default(&opt);
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(weights_build(keys, 6, &opt, &w, &err) == DS_OK, "%s", err.msg);
    if (!w)
        return;
    /* 2A has no neighbour without 2B; 971 none at all: both left out and listed. */
    CHECK(w->n == 4 && w->n_dropped == 2 && w->symmetric && w->n_islands == 0, "n %zu", w->n);
    CHECK_STR(w->dropped[0], "971");
    CHECK_STR(w->dropped[1], "2A");
    /* Paris borders 92, 93, 94: row 0 is 1/3 each; 92 borders 75, 93, 94 */
    CHECK(w->row_ptr[1] == 3, "Paris has %zu neighbours", w->row_ptr[1]);
    CHECK_NEAR(w->val[0], 1.0 / 3, 1e-15);
    CHECK(w->source[0] == 0 && w->source[3] == 3, "sources");
    weights_free(w);
    opt.islands = WEIGHTS_ISLANDS_KEEP;
    opt.style = WEIGHTS_B;
    CHECK(weights_build(keys, 6, &opt, &w, &err) == DS_OK, "%s", err.msg);
    CHECK(w && w->n == 6 && w->n_islands == 2 && w->n_dropped == 0 && w->val[0] == 1,
          "kept islands");
    weights_free(w);
}

TEST(test_weights_bad_neighbours_files_are_clear_errors)
{
    const char *keys[] = {"01", "02", "03"};
    weights_options opt;
    weights_options_default(&opt);
    opt.kind = WEIGHTS_FILE;
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    opt.neighbours = write_file("unknown.csv", "dep,voisin\n01,02\n02,01\n99,01\n01,99\n");
    CHECK(weights_build(keys, 3, &opt, &w, &err) == DS_EDATA && !w, "unknown");
    CHECK(strstr(err.msg, "unknown.csv:4:") && strstr(err.msg, "'99'"), "%s", err.msg);
    ds_err_clear(&err);
    opt.neighbours = write_file("oneway.csv", "dep,voisin\n01,02\n02,01\n02,03\n");
    CHECK(weights_build(keys, 3, &opt, &w, &err) == DS_EDATA, "asymmetric");
    CHECK(strstr(err.msg, "oneway.csv:4: 02 lists 03 as a neighbour but 03 does not list 02"),
          "%s", err.msg);
    ds_err_clear(&err);
    opt.neighbours = write_file("self.csv", "dep,voisin\n01,01\n");
    CHECK(weights_build(keys, 3, &opt, &w, &err) == DS_EDATA &&
          strstr(err.msg, "its own neighbour"), "%s", err.msg);
    ds_err_clear(&err);
    opt.neighbours = write_file("cols.csv", "a,b\n01,02\n");
    CHECK(weights_build(keys, 3, &opt, &w, &err) == DS_EDATA &&
          strstr(err.msg, "expected columns dep,voisin"), "%s", err.msg);
    ds_err_clear(&err);
    opt.neighbours = "/nonexistent/nb.csv";
    CHECK(weights_build(keys, 3, &opt, &w, &err) == DS_EIO, "%s", err.msg);
}

/* Keys that are not department codes are text ids with a neighbours file (communes,
 * lattice cells): matched exactly, columns unit,neighbour accepted. */
TEST(test_weights_any_units_with_a_neighbours_file)
{
    const char *keys[] = {"c3", "c1", "c2", "c9"};
    weights_options opt;
    weights_options_default(&opt);
    opt.kind = WEIGHTS_FILE;
    opt.neighbours = write_file("units.csv", "unit,neighbour\nc1,c2\nc2,c1\nc2,c3\nc3,c2\n"
                                             "c1,c7\nc7,c1\n");
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(weights_build(keys, 4, &opt, &w, &err) == DS_OK, "%s", err.msg);
    if (w) {
        CHECK(w->n == 3 && w->n_dropped == 1 && w->symmetric, "n %zu", w->n);
        CHECK_STR(w->ids[0], "c3");
        CHECK_STR(w->dropped[0], "c9");
        CHECK(w->row_ptr[2] - w->row_ptr[1] == 1 && w->row_ptr[3] - w->row_ptr[2] == 2,
              "c1 has one neighbour (c7 is not a unit), c2 two");
    }
    weights_free(w);
    const char *twice[] = {"c1", "c1"};
    CHECK(weights_build(twice, 2, &opt, &w, &err) == DS_EDATA &&
          strstr(err.msg, "unit c1 appears twice"), "%s", err.msg);
    opt.kind = WEIGHTS_CONTIGUITY; /* text ids need a neighbours file */
    ds_err_clear(&err);
    CHECK(weights_build(keys, 4, &opt, &w, &err) == DS_EDATA && strstr(err.msg, "c3"), "%s",
          err.msg);
}

TEST(test_weights_all_islands_and_bad_keys_are_errors)
{
    weights_options opt;
    weights_options_default(&opt);
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    const char *overseas[] = {"971", "972", "974"};
    CHECK(weights_build(overseas, 3, &opt, &w, &err) == DS_EDATA && !w, "islands");
    CHECK(strstr(err.msg, "none of the 3 departments has a neighbour"), "%s", err.msg);
    opt.islands = WEIGHTS_ISLANDS_KEEP; /* keeping islands does not make a W */
    ds_err_clear(&err);
    CHECK(weights_build(overseas, 3, &opt, &w, &err) == DS_EDATA, "keep: %s",
          err.msg);
    const char *twice[] = {"01", "1", "02"};
    ds_err_clear(&err);
    CHECK(weights_build(twice, 3, &opt, &w, &err) == DS_EDATA &&
          strstr(err.msg, "01 appears twice"), "%s", err.msg);
    const char *bad[] = {"01", "XX"};
    ds_err_clear(&err);
    CHECK(weights_build(bad, 2, &opt, &w, &err) == DS_EDATA, "%s", err.msg);
}

TEST(test_weights_spec_parse_names_kinds_and_rejects_bad_numbers)
{
    weights_options opt;
    weights_options_default(&opt);
    ds_err err;
    ds_err_clear(&err);
    CHECK(weights_spec_parse("knn:5", &opt, &err) == 0 && opt.kind == WEIGHTS_KNN &&
          opt.k == 5, "knn");
    CHECK(weights_spec_parse("band:150.5", &opt, &err) == 0 && opt.kind == WEIGHTS_BAND &&
          opt.band_km == 150.5, "band");
    CHECK(weights_spec_parse("contiguity", &opt, &err) == 0 &&
          opt.kind == WEIGHTS_CONTIGUITY, "contiguity");
    CHECK(weights_spec_parse("my/nb.csv", &opt, &err) == 0 && opt.kind == WEIGHTS_FILE &&
          strcmp(opt.neighbours, "my/nb.csv") == 0, "file");
    CHECK(weights_spec_parse("knn:2.5", &opt, &err) == DS_EUSAGE, "knn:2.5");
    CHECK(weights_spec_parse("band:-3", &opt, &err) == DS_EUSAGE, "band:-3");
    CHECK(weights_spec_parse("knn:", &opt, &err) == DS_EUSAGE, "knn:");
    weights_style s;
    weights_islands i;
    CHECK(weights_style_parse("B", &s) == 0 && s == WEIGHTS_B, "B");
    CHECK(weights_style_parse("C", &s) == -1, "C");
    CHECK(weights_islands_parse("keep", &i) == 0 && i == WEIGHTS_ISLANDS_KEEP, "keep");
}

/* k nearest by haversine distance between the fixture's centroids. R:
 *   cc <- read.csv("tests/fixtures/spatial/centroides-metro.csv", colClasses = c(dep = "character"))
 *   hav <- function(lon1, lat1, lon2, lat2) { r <- pi / 180
 *     a <- sin((lat2 - lat1) * r / 2)^2 + cos(lat1 * r) * cos(lat2 * r) * sin((lon2 - lon1) * r / 2)^2
 *     2 * 6371.0088 * asin(pmin(1, sqrt(a))) }
 *   i <- which(cc$dep == "09"); D <- hav(cc$lon[i], cc$lat[i], cc$lon, cc$lat)
 *   cc$dep[order(D)[2:6]]; sort(D)[2:6]  # "31" "11" "66" "65" "81", 55.52 … 109.820, 110.021
 * (spdep's knearneigh(longlat = TRUE), on an ellipsoid, takes 81 before 65: the one near
 * tie among the 96.) Distance band 80 km: 8 departments without a neighbour, 21 first
 * (Bd <- (D <= 80) * 1 over the 96 × 96 distances; metro$codep[rowSums(Bd) == 1]). */
TEST(test_weights_knn_and_band_from_centroids)
{
    table_t *t;
    const char *keys[128];
    size_t n = metro_keys(&t, keys);
    char cpath[4096];
    fixture(cpath, sizeof cpath, "tests/fixtures/spatial/centroides-metro.csv");
    weights_options opt;
    weights_options_default(&opt);
    opt.kind = WEIGHTS_KNN;
    opt.k = 4;
    opt.centroids = cpath;
    weights_t *w = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(weights_build(keys, n, &opt, &w, &err) == DS_OK, "%s", err.msg);
    if (w) {
        CHECK(w->n == 96 && !w->symmetric && w->row_ptr[96] == 4 * 96, "knn");
        size_t a = 0;
        while (a < w->n && strcmp(w->ids[a], "09") != 0)
            a++;
        const char *want[] = {"11", "31", "65", "66"};
        for (size_t e = w->row_ptr[a], j = 0; e < w->row_ptr[a + 1]; e++, j++)
            CHECK_STR(w->ids[w->col[e]], want[j]);
        sp_logdet ld; /* the sparse log-determinant needs a symmetric relation */
        CHECK(sp_logdet_init(&ld, w, 1, &err) == DS_EDATA && strstr(err.msg, "symmetric"),
              "%s", err.msg);
        sp_logdet_free(&ld);
        weights_free(w);
    }
    opt.kind = WEIGHTS_BAND;
    opt.band_km = 80;
    CHECK(weights_build(keys, n, &opt, &w, &err) == DS_OK, "%s", err.msg);
    CHECK(w && w->n == 88 && w->n_dropped == 8 && w->symmetric, "band");
    CHECK(w && strcmp(w->dropped[0], "21") == 0, "first island");
    weights_free(w);
    opt.k = 96;
    opt.kind = WEIGHTS_KNN;
    CHECK(weights_build(keys, n, &opt, &w, &err) == DS_EDATA, "k too large");
    const char *overseas[] = {"01", "971"};
    ds_err_clear(&err);
    opt.k = 1;
    CHECK(weights_build(overseas, 2, &opt, &w, &err) == DS_EDATA &&
          strstr(err.msg, "no centroid for department 971"), "%s", err.msg);
    table_free(t);
}

/* Haversine on the mean sphere: Paris (2.3522, 48.8566) to Marseille (5.3698, 43.2965):
 *   print(hav(2.3522, 48.8566, 5.3698, 43.2965), digits = 17)  # hav as below */
TEST(test_weights_great_circle_distance)
{
    CHECK_NEAR(weights_great_circle_km(2.3522, 48.8566, 5.3698, 43.2965), 660.47929196525763, 1e-12);
    CHECK(weights_great_circle_km(1, 45, 1, 45) == 0, "zero");
}

/* Moran's I over W as spdep's moran.test: the values of test_moran_matches_spdep_on_gp_density
 * (moran.test(x, lw) and randomisation = FALSE; x = densite_generalistes of
 * external-data/medecins-departements.csv, lw over the 96 metropolitan departments). */
TEST(test_weights_moran_matches_spdep_moran_test)
{
    char path[4096];
    fixture(path, sizeof path, "external-data/medecins-departements.csv");
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (!t)
        return;
    const char *keys[128];
    for (size_t r = 0; r < table_nrows(t) && r < 128; r++)
        keys[r] = table_text(t, r, 0);
    weights_options opt;
    weights_options_default(&opt);
    weights_t *w = NULL;
    CHECK(weights_build(keys, table_nrows(t), &opt, &w, &err) == DS_OK, "%s",
          err.msg);
    long vc = table_col_index(t, "densite_generalistes");
    double x[128];
    for (size_t i = 0; w && i < w->n; i++)
        x[i] = table_num(t, w->source[i], (size_t)vc);
    weights_moran_result r;
    CHECK(w && weights_moran(w, x, 1, &r, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(r.i, 2.51244248394569e-01, 1e-12);
    CHECK_NEAR(r.expected, -1.05263157894737e-02, 1e-12);
    CHECK_NEAR(r.variance, 4.42958308427931e-03, 1e-12);
    CHECK_NEAR(r.p, 4.19217211056857e-05, 1e-9);
    CHECK(weights_moran(w, x, 0, &r, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(r.variance, 4.57816700765751e-03, 1e-12);
    for (size_t i = 0; w && i < w->n; i++)
        x[i] = 3;
    CHECK(weights_moran(w, x, 1, &r, &err) == DS_EDATA, "constant");
    weights_free(w);
    table_free(t);
}

/* The sparse Cholesky log-determinant against the eigenvalues, on the departments' W and
 * B (symmetric) and a lattice: log|I − λW| agrees to 1e-10 relative over the interval,
 * and the derivatives by differences to 1e-5 (near the interval's ends). */
TEST(test_weights_sparse_and_eigen_log_determinants_agree)
{
    table_t *t;
    const char *keys[128];
    size_t n = metro_keys(&t, keys);
    weights_options opt;
    weights_options_default(&opt);
    for (int style = 0; style < 3; style++) {
        weights_t *w = NULL;
        ds_err err;
        ds_err_clear(&err);
        opt.style = style == 1 ? WEIGHTS_B : WEIGHTS_W;
        if (style == 2)
            w = weights_lattice(17, 23, WEIGHTS_W);
        else
            CHECK(weights_build(keys, n, &opt, &w, &err) == DS_OK, "%s", err.msg);
        sp_logdet a, b;
        CHECK(w && sp_logdet_init(&a, w, 0, &err) == DS_OK, "%s", err.msg);
        CHECK(w && sp_logdet_init(&b, w, 1, &err) == DS_OK, "%s", err.msg);
        for (int j = 1; j < 20; j++) {
            double lam = a.lower + (a.upper - a.lower) * j / 20, d1a, d2a, d1b, d2b;
            double la = sp_logdet_at(&a, lam), lb = sp_logdet_at(&b, lam);
            CHECK(fabs(la - lb) <= 1e-10 * fmax(1, fabs(la)), "λ %g: %.17g %.17g", lam, la, lb);
            sp_logdet_derivs(&a, lam, &d1a, &d2a);
            sp_logdet_derivs(&b, lam, &d1b, &d2b);
            CHECK(fabs(d1a - d1b) <= 1e-6 * fabs(d2a) + 1e-9, "d1 %g %g", d1a, d1b);
            CHECK_NEAR(d2b, d2a, 1e-5);
        }
        CHECK(b.lower <= a.lower * (1 - 1e-9) && b.upper >= a.upper * (1 - 1e-9),
              "sparse interval [%g, %g] within eigen [%g, %g]", b.lower, b.upper, a.lower,
              a.upper);
        CHECK_NEAR(b.lower, a.lower, 1e-3);
        CHECK(isinf(sp_logdet_at(&b, b.upper + 0.1)), "outside the interval");
        sp_logdet_free(&a);
        sp_logdet_free(&b);
        weights_free(w);
    }
    table_free(t);
}

/* Conley (1999) covariance, written out in R over the 96 metropolitan departments:
 *   (d, metro, cc, hav as above; D the 96 × 96 haversine distances in metro's order)
 *   X <- cbind(1, metro$densite_medecins); u <- residuals(lm(acte_affilies ~ densite_medecins, metro))
 *   bread <- solve(crossprod(X)); Kb <- pmax(1 - D / 200, 0); Ku <- (D <= 200) * 1
 *   sqrt(diag(bread %*% (t(X * u) %*% K %*% (X * u)) %*% bread))   # K = Kb, then Ku */
TEST(test_conley_standard_errors_match_the_formula_in_r)
{
    table_t *t;
    const char *keys[128];
    size_t n = metro_keys(&t, keys);
    char cpath[4096];
    fixture(cpath, sizeof cpath, "tests/fixtures/spatial/centroides-metro.csv");
    double lon[128], lat[128], x[256], y[128], e[128], v[4];
    ds_err err;
    ds_err_clear(&err);
    CHECK(weights_centroids(cpath, keys, n, lon, lat, &err) == DS_OK, "%s", err.msg);
    for (size_t i = 0, r = 0; t && r < table_nrows(t); r++)
        if (strlen(table_text(t, r, 0)) == 2) {
            x[2 * i] = 1;
            x[2 * i + 1] = table_num(t, r, 2);
            y[i++] = table_num(t, r, 1);
        }
    sp_ls ls;
    CHECK(sp_ls_init(&ls, x, n, 2) == 0, "design");
    sp_ls_solve(&ls, y, NULL, e);
    sp_ls_free(&ls);
    const double want[4][2] = {{0.41257879180832724, 0.0021735484880353547},
                               {0.42927365611248863, 0.0022613325032655959},
                               {0.39945773822242153, 0.0021449719358297395},
                               {0.37032864569218876, 0.0018821874048155717}};
    const char *spec[4] = {"conley:200", "conley-uniform:200", "conley:500",
                           "conley-uniform:500"};
    for (int c = 0; c < 4; c++) {
        conley_options co;
        CHECK(conley_parse(spec[c], &co, &err) == 0, "%s", spec[c]);
        CHECK(conley_vcov(x, e, n, 2, lon, lat, &co, v, &err) == DS_OK, "%s", err.msg);
        CHECK_NEAR(sqrt(v[0]), want[c][0], 1e-10);
        CHECK_NEAR(sqrt(v[3]), want[c][1], 1e-10);
    }
    conley_options co;
    CHECK(conley_parse("hc3", &co, &err) == 1, "not conley");
    CHECK(conley_parse("conley:abc", &co, &err) == DS_EUSAGE, "bad km");
    lat[3] = NAN;
    co.cutoff_km = 200;
    CHECK(conley_vcov(x, e, n, 2, lon, lat, &co, v, &err) == DS_EDATA, "no coordinates");
    table_free(t);
}
