/* NIST StRD linear regression: every certified coefficient, coefficient standard deviation,
 * residual standard deviation and R² of all eleven sets, through the formula path, to a log
 * relative error (LRE, McCullough 1998) of at least 9. Certified values are read from
 * tests/fixtures/nist/NAME.cert (verbatim from NIST's .dat files; see SOURCE.md there). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "t.h"

#define MIN_LRE 9.0

/* LRE of est against cert, capped at 15; absolute error when cert is 0 (Wampler1/2). */
static double lre(double est, double cert)
{
    if (isnan(est))
        return 0;
    double e = cert == 0 ? fabs(est) : fabs(est - cert) / fabs(cert);
    if (e == 0)
        return 15;
    double v = -log10(e);
    return v > 15 ? 15 : v < 0 ? 0 : v;
}

/* The value of `key = value` in the .cert file, or NAN. */
static double cert_value(const char *set, const char *key)
{
    char path[1024], line[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/nist/%s.cert", t_root(), set);
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL, "cannot open %s", path);
    if (!fp)
        return NAN;
    double v = NAN;
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, fp))
        if (strncmp(line, key, klen) == 0 && strncmp(line + klen, " = ", 3) == 0) {
            v = strtod(line + klen + 3, NULL);
            break;
        }
    fclose(fp);
    return v;
}

/* Fits set with formula and returns the smallest LRE over the four certified kinds. */
static double nist_min_lre(const char *set, const char *formula, int intercept)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/nist/%s.csv", t_root(), set);
    table_t *t = NULL;
    model_fit *f = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_load(path, &t, &err);
    if (!rc) {
        model_options opt;
        model_options_default(&opt);
        rc = model_fit_formula(t, formula, &opt, &f, &err);
    }
    CHECK(rc == 0, "%s: %s", set, err.msg);
    if (rc) {
        table_free(t);
        return 0;
    }
    double worst = 15;
    char key[32];
    CHECK(f->rank == f->p, "%s: rank %zu of %zu", set, f->rank, f->p);
    for (size_t j = 0; j < f->p; j++) {
        size_t k = intercept ? j : j + 1;
        snprintf(key, sizeof key, "b%zu", k);
        double l1 = lre(f->terms[j].estimate, cert_value(set, key));
        snprintf(key, sizeof key, "b%zu_sd", k);
        double l2 = lre(f->terms[j].std_error, cert_value(set, key));
        CHECK(l1 >= MIN_LRE && l2 >= MIN_LRE, "%s b%zu: LRE %.1f, sd LRE %.1f", set, k, l1, l2);
        worst = fmin(worst, fmin(l1, l2));
    }
    double ls = lre(f->sigma, cert_value(set, "residual_sd"));
    double lr = lre(f->r_squared, cert_value(set, "r_squared"));
    CHECK(ls >= MIN_LRE && lr >= MIN_LRE, "%s: residual sd LRE %.1f, R² LRE %.1f", set, ls, lr);
    worst = fmin(worst, fmin(ls, lr));
    if (getenv("NIST_VERBOSE"))
        fprintf(stderr, "%s: min LRE %.1f, condition %.3g\n", set, worst, f->condition_number);
    model_fit_free(f);
    table_free(t);
    return worst;
}

#define POLY5 "y ~ x + I(x^2) + I(x^3) + I(x^4) + I(x^5)"

TEST(test_nist_lower_difficulty)
{
    CHECK(nist_min_lre("Norris", "y ~ x", 1) >= MIN_LRE, "Norris");
    CHECK(nist_min_lre("Pontius", "y ~ x + I(x^2)", 1) >= MIN_LRE, "Pontius");
}

TEST(test_nist_no_intercept)
{
    CHECK(nist_min_lre("NoInt1", "y ~ x - 1", 0) >= MIN_LRE, "NoInt1");
    CHECK(nist_min_lre("NoInt2", "y ~ 0 + x", 0) >= MIN_LRE, "NoInt2");
}

TEST(test_nist_filip_all_eleven_terms)
{
    CHECK(nist_min_lre("Filip", "y ~ x + I(x^2) + I(x^3) + I(x^4) + I(x^5) + I(x^6) + I(x^7) + "
                                "I(x^8) + I(x^9) + I(x^10)", 1) >= MIN_LRE, "Filip");
}

TEST(test_nist_longley)
{
    CHECK(nist_min_lre("Longley", "y ~ x1 + x2 + x3 + x4 + x5 + x6", 1) >= MIN_LRE, "Longley");
}

TEST(test_nist_wampler)
{
    const char *sets[] = {"Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"};
    for (size_t i = 0; i < 5; i++)
        CHECK(nist_min_lre(sets[i], POLY5, 1) >= MIN_LRE, "%s", sets[i]);
}
