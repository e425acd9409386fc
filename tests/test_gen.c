/* Tests of gen (the plan and its exact totals) and genrow (the row text). Expected values
 * come from the fixture tables' published numbers, the real Open DAMIR header, hand-worked
 * formats, and textbook OLS computed here; never from gen's own output. */
#include "damirstat/gen.h"
#include "damirstat/genrow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <gsl/gsl_cdf.h>

#include "t.h"

/* The header line of the real file A202501 (Open DAMIR, CNAM, Licence Ouverte), as in
 * published in jessicafalcon/docgap fixtures/damir/A202501.csv (line 1), byte for byte. */
static const char real_header[] =
    "FLX_ANN_MOI;ORG_CLE_REG;AGE_BEN_SNDS;BEN_RES_REG;BEN_CMU_TOP;BEN_QLT_COD;BEN_SEX_COD;"
    "DDP_SPE_COD;ETE_CAT_SNDS;ETE_REG_COD;ETE_TYP_SNDS;ETP_REG_COD;ETP_CAT_SNDS;MDT_TYP_COD;"
    "MFT_COD;PRS_FJH_TYP;PRS_ACT_COG;PRS_ACT_NBR;PRS_ACT_QTE;PRS_DEP_MNT;PRS_PAI_MNT;"
    "PRS_REM_BSE;PRS_REM_MNT;FLT_ACT_COG;FLT_ACT_NBR;FLT_ACT_QTE;FLT_PAI_MNT;FLT_DEP_MNT;"
    "FLT_REM_MNT;SOI_ANN;SOI_MOI;ASU_NAT;ATT_NAT;CPL_COD;CPT_ENV_TYP;DRG_AFF_NAT;ETE_IND_TAA;"
    "EXO_MTF;MTM_NAT;PRS_NAT;PRS_PPU_SEC;PRS_REM_TAU;PRS_REM_TYP;PRS_PDS_QCP;EXE_INS_REG;"
    "PSE_ACT_SNDS;PSE_ACT_CAT;PSE_SPE_SNDS;PSE_STJ_SNDS;PRE_INS_REG;PSP_ACT_SNDS;PSP_ACT_CAT;"
    "PSP_SPE_SNDS;PSP_STJ_SNDS;TOP_PS5_TRG;ETB_DCS_MCO;\n";

struct tables {
    table_t *depts, *doctors, *activity;
};

static int load_fixtures(struct tables *t)
{
    char path[4200];
    ds_err err;
    ds_err_clear(&err);
    memset(t, 0, sizeof *t);
    snprintf(path, sizeof path, "%s/tests/fixtures/gen/departements.csv", t_root());
    int rc = table_load(path, &t->depts, &err);
    snprintf(path, sizeof path, "%s/tests/fixtures/gen/medecins-departements.csv", t_root());
    rc = rc ? rc : table_load(path, &t->doctors, &err);
    snprintf(path, sizeof path, "%s/tests/fixtures/gen/activite-physique.csv", t_root());
    rc = rc ? rc : table_load(path, &t->activity, &err);
    CHECK(rc == 0, "fixtures: %s", err.msg);
    return rc;
}

static void free_tables(struct tables *t)
{
    table_free(t->depts);
    table_free(t->doctors);
    table_free(t->activity);
}

static const gen_dept *find(const gen_t *g, const char *code)
{
    for (size_t i = 0; i < gen_dept_count(g); i++)
        if (strcmp(gen_dept_at(g, i)->code, code) == 0)
            return gen_dept_at(g, i);
    return NULL;
}

TEST(test_gen_cents_are_formatted_as_open_damir_does)
{
    static const struct {
        int64_t cents;
        const char *text;
    } cases[] = {{81, ".81"},        {-57, "-.57"}, {440, "4.4"},      {3000, "30"},
                 {0, "0"},           {31128, "311.28"}, {-1060, "-10.6"}, {1, ".01"},
                 {-500, "-5"},       {229316, "2293.16"}, {60, ".6"}};
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = genrow_format_cents(cases[i].cents, buf);
        CHECK_STR(buf, cases[i].text);
        CHECK(n == strlen(cases[i].text), "length of %s", cases[i].text);
    }
}

TEST(test_gen_header_is_the_real_one_and_dept_follows_region)
{
    CHECK_STR(genrow_header(0), real_header);
    char want[2048];
    const char *at = strstr(real_header, "BEN_RES_REG;") + strlen("BEN_RES_REG;");
    snprintf(want, sizeof want, "%.*sBEN_RES_DPT;%s", (int)(at - real_header), real_header, at);
    CHECK_STR(genrow_header(1), want);
    int fields = 0;
    for (const char *p = real_header; *p; p++)
        fields += *p == ';';
    CHECK(fields == 56, "56 named columns, each followed by ';' (got %d)", fields);
}

TEST(test_gen_months_parse_and_reject)
{
    int a, b;
    ds_err err;
    ds_err_clear(&err);
    CHECK(gen_parse_months("202401-202412", &a, &b, &err) == 0 && a == 202401 && b == 202412,
          "range");
    CHECK(gen_parse_months("201512", &a, &b, &err) == 0 && a == 201512 && b == 201512, "one");
    const char *bad[] = {"202413", "2024", "202412-202401", "202401-", "20240a", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ds_err_clear(&err);
        CHECK(gen_parse_months(bad[i], &a, &b, &err) == DS_EUSAGE, "'%s' accepted", bad[i]);
        CHECK(strstr(err.msg, "--months") != NULL, "message names the option: %s", err.msg);
    }
}

/* With no noise the totals are the planted formula on the fixture's published numbers. */
TEST(test_gen_noiseless_totals_equal_the_formula_on_the_tables)
{
    struct tables t;
    if (load_fixtures(&t))
        return;
    gen_params p;
    gen_params_default(&p);
    p.rows = 5000, p.visits_noise = 0, p.spending_noise = 0;
    gen_t *g = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(gen_new(&p, t.depts, t.doctors, t.activity, &g, &err) == 0, "%s", err.msg);
    if (!g) {
        free_tables(&t);
        return;
    }
    CHECK(gen_dept_count(g) == 6, "six departments, got %zu", gen_dept_count(g));
    /* Ain: 671,937 inhabitants (INSEE 2023), 98 GPs / 100k (TCRD_068), 26.1 licences */
    const gen_dept *ain = find(g, "01");
    CHECK(ain && ain->gp_acts == llround((3.3 + 0.005 * 98) * 671937.0), "Ain acts");
    CHECK(ain && ain->gp_cents == llround((134 - 26.1) * 671937.0 * 100), "Ain cents");
    /* Guadeloupe has no activity: the population-weighted mean of the five others */
    double mean = (26.1 * 671937 + 21.4 * 163955 + 29.8 * 76648 + 22.7 * 2606646 +
                   19.9 * 2102650) / (671937.0 + 163955 + 76648 + 2606646 + 2102650);
    const gen_dept *gua = find(g, "971");
    CHECK(gua && isnan(gua->activity), "971 activity missing");
    CHECK(gua && gua->gp_cents == llround((134 - mean) * 375845.0 * 100), "971 cents");
    const gen_dept *cor = find(g, "2A");
    CHECK(cor && cor->region == 93, "Corse-du-Sud is in BEN_RES_REG 93");
    CHECK(cor && cor->gp_acts == llround((3.3 + 0.005 * 159) * 163955.0), "2A acts");
    gen_free(g);
    free_tables(&t);
}

TEST(test_gen_year_totals_follow_the_months_of_each_year)
{
    struct tables t;
    if (load_fixtures(&t))
        return;
    gen_params p;
    gen_params_default(&p);
    p.rows = 3000, p.visits_noise = 0, p.first_month = 202411, p.last_month = 202501;
    gen_t *g = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(gen_new(&p, t.depts, t.doctors, t.activity, &g, &err) == 0, "%s", err.msg);
    if (g) {
        const gen_dept *paris = find(g, "75");
        double v = 3.3 + 0.005 * 240, pop = 2102650;
        int64_t want = llround(v * pop * 2 / 12) + llround(v * pop * 1 / 12);
        CHECK(paris && paris->gp_acts == want, "Paris over 2024 (2 months) + 2025 (1)");
        CHECK(gen_month_count(g) == 3 && gen_month_at(g, 2) == 202501, "months");
        CHECK(gen_month_rows(g, 0) + gen_month_rows(g, 1) + gen_month_rows(g, 2) == 3000,
              "rows add up");
    }
    gen_free(g);
    free_tables(&t);
}

/* A table of n departments with spread densities, built in code. */
static void synthetic_tables(struct tables *t, size_t n)
{
    const char *dn[] = {"dep", "reg_open_damir", "population"};
    const char *mn[] = {"dep", "densite_generalistes"};
    t->depts = table_new(3, dn);
    t->doctors = table_new(2, mn);
    t->activity = NULL;
    for (size_t i = 0; i < n; i++) {
        char code[8], pop[16], dens[16];
        snprintf(code, sizeof code, "%02zu", i + 1 >= 20 ? i + 2 : i + 1); /* no "20" */
        snprintf(pop, sizeof pop, "%zu", 200000 + 15000 * i);
        snprintf(dens, sizeof dens, "%zu", 60 + (i * 37) % 181);
        table_append_row(t->depts, (const char *const[]){code, "84", pop});
        table_append_row(t->doctors, (const char *const[]){code, dens});
    }
}

/* OLS of y on x: slope, its standard error, residual SD. */
static void ols(const double *x, const double *y, size_t n, double *b, double *se, double *sd)
{
    double mx = 0, my = 0, sxx = 0, sxy = 0, rss = 0;
    for (size_t i = 0; i < n; i++)
        mx += x[i] / (double)n, my += y[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
    *b = sxy / sxx;
    double a = my - *b * mx;
    for (size_t i = 0; i < n; i++)
        rss += (y[i] - a - *b * x[i]) * (y[i] - a - *b * x[i]);
    *sd = sqrt(rss / (double)(n - 2));
    *se = *sd / sqrt(sxx);
}

/* The recovered rate (acts / population) must behave as OLS assumes: over 400 seeds the
 * 95 % CI of the slope covers the planted 0.005 about 95 % of the time (binomial SD 1.1 %),
 * and the residual SD is the planted 0.3. */
TEST(test_gen_ols_ci_covers_the_planted_slope)
{
    struct tables t;
    synthetic_tables(&t, 90);
    double x[90], y[90], sd_sum = 0;
    int covered = 0, runs = 400;
    double tq = gsl_cdf_tdist_Pinv(0.975, 88);
    for (int s = 0; s < runs; s++) {
        gen_params p;
        gen_params_default(&p);
        p.seed = (uint64_t)s + 1, p.rows = 2000;
        gen_t *g = NULL;
        ds_err err;
        ds_err_clear(&err);
        if (gen_new(&p, t.depts, t.doctors, NULL, &g, &err) != 0) {
            CHECK(0, "seed %d: %s", s, err.msg);
            break;
        }
        for (size_t i = 0; i < 90; i++) {
            const gen_dept *d = gen_dept_at(g, i);
            x[i] = d->gp_density;
            y[i] = (double)d->gp_acts / (double)d->population;
        }
        double b, se, sd;
        ols(x, y, 90, &b, &se, &sd);
        covered += fabs(b - 0.005) <= tq * se;
        sd_sum += sd;
        gen_free(g);
    }
    double coverage = (double)covered / runs;
    CHECK(coverage >= 0.92 && coverage <= 0.98, "coverage %.3f", coverage);
    CHECK_NEAR(sd_sum / runs, 0.3, 0.03);
    free_tables(&t);
}

/* Month i of g as plain text and as gunzipped gzip; returns the plain bytes. */
static char *month_bytes(const gen_t *g, size_t i, int level, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    ds_err err;
    ds_err_clear(&err);
    int rc = gen_write_month(g, i, fp, "mem", level, &err);
    fclose(fp);
    CHECK(rc == 0, "write: %s", err.msg);
    *len = n;
    return buf;
}

TEST(test_gen_same_seed_same_bytes_and_gzip_is_the_plain_text)
{
    struct tables t;
    if (load_fixtures(&t))
        return;
    gen_params p;
    gen_params_default(&p);
    p.rows = 6000;
    gen_t *g1 = NULL, *g2 = NULL, *g3 = NULL;
    ds_err err;
    ds_err_clear(&err);
    gen_new(&p, t.depts, t.doctors, t.activity, &g1, &err);
    gen_new(&p, t.depts, t.doctors, t.activity, &g2, &err);
    p.seed = 2;
    gen_new(&p, t.depts, t.doctors, t.activity, &g3, &err);
    CHECK(g1 && g2 && g3, "plans: %s", err.msg);
    if (g1 && g2 && g3) {
        size_t n1, n2, n3, nz;
        char *a = month_bytes(g1, 4, 0, &n1), *b = month_bytes(g2, 4, 0, &n2);
        char *c = month_bytes(g3, 4, 0, &n3), *z = month_bytes(g1, 4, 6, &nz);
        CHECK(n1 == n2 && memcmp(a, b, n1) == 0, "same seed, same bytes");
        CHECK(n1 != n3 || memcmp(a, c, n1) != 0, "another seed, other bytes");
        uLongf out_len = (uLongf)n1 + 1;
        char *plain = malloc(out_len);
        z_stream zs = {0};
        inflateInit2(&zs, 15 + 16);
        zs.next_in = (unsigned char *)z, zs.avail_in = (uInt)nz;
        zs.next_out = (unsigned char *)plain, zs.avail_out = (uInt)out_len;
        int zrc = inflate(&zs, Z_FINISH);
        CHECK(zrc == Z_STREAM_END && zs.total_out == n1 && memcmp(plain, a, n1) == 0,
              "gunzip = plain (%d, %lu vs %zu)", zrc, zs.total_out, n1);
        inflateEnd(&zs);
        free(plain), free(a), free(b), free(c), free(z);
    }
    gen_free(g1), gen_free(g2), gen_free(g3);
    free_tables(&t);
}

TEST(test_gen_errors_name_the_column_and_the_cause)
{
    struct tables t;
    if (load_fixtures(&t))
        return;
    gen_params p;
    gen_params_default(&p);
    gen_t *g = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(gen_new(&p, t.doctors, t.doctors, NULL, &g, &err) == DS_EDATA && !g, "no column");
    CHECK(strstr(err.msg, "medecins-departements.csv: no column 'reg_open_damir'") != NULL,
          "message: %s", err.msg);
    ds_err_clear(&err);
    p.rows = 4, p.first_month = p.last_month = 202401; /* 4 rows, 6 departments */
    CHECK(gen_new(&p, t.depts, t.doctors, NULL, &g, &err) == DS_EUSAGE, "too few rows");
    CHECK(strstr(err.msg, "--rows 4 is too small") != NULL, "message: %s", err.msg);
    ds_err_clear(&err);
    p.rows = 5000, p.last_month = 202412, p.visits_intercept = -10;
    CHECK(gen_new(&p, t.depts, t.doctors, NULL, &g, &err) == DS_EUSAGE, "negative rate");
    CHECK(strstr(err.msg, "must be positive") != NULL, "message: %s", err.msg);
    free_tables(&t);
}
