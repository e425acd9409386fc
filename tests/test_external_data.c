/* The reference tables shipped in external-data/ agree with geo and with INSEE's totals. */
#include "damirstat/geo.h"
#include "damirstat/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static table_t *load(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/external-data/%s", t_root(), name);
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (table_load(path, &t, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "%s", err.msg);
    return t;
}

TEST(test_external_departements_has_101_and_insee_population)
{
    table_t *t = load("departements.csv");
    if (!t)
        return;
    CHECK(table_nrows(t) == 101, "rows %zu", table_nrows(t));
    long dep = table_col_index(t, "dep"), pop = table_col_index(t, "population");
    long r16 = table_col_index(t, "reg_2016"), rold = table_col_index(t, "reg_avant_2016");
    long rdamir = table_col_index(t, "reg_open_damir");
    CHECK(dep >= 0 && pop >= 0 && r16 >= 0 && rold >= 0 && rdamir >= 0, "columns");
    double total = 0;
    for (size_t i = 0; i < table_nrows(t); i++) {
        const char *code = table_text(t, i, (size_t)dep);
        char canon[GEO_CODE_MAX];
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_dept_canon(code, strlen(code), canon, &err) == DS_OK && !strcmp(canon, code),
              "code %s", code);
        CHECK((int)table_num(t, i, (size_t)r16) == geo_dept_region(code, GEO_REGION_2016), "%s", code);
        CHECK((int)table_num(t, i, (size_t)rold) == geo_dept_region(code, GEO_REGION_PRE2016), "%s", code);
        CHECK((int)table_num(t, i, (size_t)rdamir) == geo_dept_region(code, GEO_REGION_OPENDAMIR), "%s", code);
        total += table_num(t, i, (size_t)pop);
    }
    /* INSEE, estimates on 1 January 2023 (estim-pop-dep-sexe-aq-1975-2023.xls): France
     * métropolitaine + DOM = 68,042,591. */
    CHECK_NEAR(total, 68042591.0, 0.005);
    table_free(t);
}

TEST(test_external_doctors_cover_every_department)
{
    table_t *t = load("medecins-departements.csv");
    if (!t)
        return;
    CHECK(table_nrows(t) == 101, "rows %zu", table_nrows(t));
    long gp = table_col_index(t, "densite_generalistes");
    CHECK(gp >= 0 && table_col_type(t, (size_t)gp) == TABLE_NUMBER, "GP density column");
    CHECK(table_col_missing(t, (size_t)gp) == 0, "no missing density");
    long n = table_col_index(t, "medecins"), dep = table_col_index(t, "dep");
    CHECK(n >= 0 && dep >= 0, "columns");
    double doctors = 0;
    for (size_t i = 0; n >= 0 && dep >= 0 && i < table_nrows(t); i++) {
        doctors += table_num(t, i, (size_t)n);
        if (!strcmp(table_text(t, i, (size_t)dep), "75"))
            CHECK(table_num(t, i, (size_t)gp) == 240, "Paris GPs per 100k"); /* TCRD_068 */
        if (!strcmp(table_text(t, i, (size_t)dep), "976"))
            CHECK(table_num(t, i, (size_t)gp) == 39, "Mayotte GPs per 100k");
    }
    /* TCRD_068, row "F France": 237,214 doctors on 1 January 2025; the 101 department rows
     * add up to 16 fewer (doctors with no department), well within 0.1 %. */
    CHECK_NEAR(doctors, 237214.0, 0.001);
    table_free(t);
}

TEST(test_external_gp_2018_is_metropolitan_and_adds_up)
{
    table_t *t = load("generalistes-2018.csv");
    if (!t)
        return;
    CHECK(table_nrows(t) == 96, "rows %zu", table_nrows(t));
    long dep = table_col_index(t, "dep"), gp = table_col_index(t, "generalistes");
    CHECK(dep >= 0 && gp >= 0, "columns");
    double gps = 0;
    for (size_t i = 0; dep >= 0 && gp >= 0 && i < table_nrows(t); i++) {
        const char *code = table_text(t, i, (size_t)dep);
        CHECK(geo_dept_name(code) && !geo_dept_is_overseas(code) && strcmp(code, "20"),
              "code %s", code);
        gps += table_num(t, i, (size_t)gp);
    }
    /* cartogramR france_dept (INSEE TCRD_068, 2018): n_gp summed over its 96 rows with awk */
    CHECK(gps == 99569, "GPs %.0f", gps);
    table_free(t);
}

TEST(test_external_contiguity_is_symmetric_and_canonical)
{
    table_t *t = load("departements-contiguite.csv");
    if (!t)
        return;
    size_t n = table_nrows(t);
    CHECK(n > 400, "pairs %zu", n);
    /* neighbours read off the map, as "a>b" strings */
    char seen[64][8];
    size_t nseen = 0;
    for (size_t i = 0; i < n; i++) {
        const char *a = table_text(t, i, 0), *b = table_text(t, i, 1);
        char canon[GEO_CODE_MAX];
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_dept_canon(a, strlen(a), canon, &err) == DS_OK && !strcmp(canon, a), "%s", a);
        CHECK(geo_dept_canon(b, strlen(b), canon, &err) == DS_OK && !strcmp(canon, b), "%s", b);
        CHECK(strcmp(a, b) != 0 && strcmp(a, "20") && strcmp(b, "20"), "%s,%s", a, b);
        CHECK(!geo_dept_is_overseas(a) && !geo_dept_is_overseas(b), "%s,%s overseas", a, b);
        int mirrored = 0;
        for (size_t j = 0; j < n && !mirrored; j++)
            mirrored = !strcmp(table_text(t, j, 0), b) && !strcmp(table_text(t, j, 1), a);
        CHECK(mirrored, "%s,%s has no mirror", a, b);
        if ((!strcmp(a, "75") || !strcmp(a, "29") || !strcmp(a, "2A") || !strcmp(a, "2B")) &&
            nseen < 64)
            snprintf(seen[nseen++], sizeof seen[0], "%s>%s", a, b);
    }
    /* Paris is enclosed by 92, 93, 94; Finistère borders Côtes-d'Armor and Morbihan; the
     * two Corsican departments border each other only. */
    const char *want[] = {"75>92", "75>93", "75>94", "29>22", "29>56", "2A>2B", "2B>2A"};
    CHECK(nseen == sizeof want / sizeof want[0], "%zu pairs for 75, 29, 2A, 2B", nseen);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int found = 0;
        for (size_t i = 0; i < nseen; i++)
            found |= !strcmp(seen[i], want[k]);
        CHECK(found, "missing %s", want[k]);
    }
    table_free(t);
}

TEST(test_external_synthetic_tables_say_so)
{
    const char *names[] = {"synthetic-activite-physique.csv", "synthetic-pas-quotidiens.csv"};
    for (size_t i = 0; i < 2; i++) {
        char path[4096], line[256] = "";
        snprintf(path, sizeof path, "%s/external-data/%s", t_root(), names[i]);
        FILE *fp = fopen(path, "r");
        CHECK(fp && fgets(line, sizeof line, fp), "%s", names[i]);
        if (fp)
            fclose(fp);
        CHECK(strncmp(line, "# SYNTHETIC", 11) == 0, "%s: first line %s", names[i], line);
        table_t *t = load(names[i]);
        CHECK(t && table_nrows(t) == 101, "%s rows", names[i]);
        table_free(t);
    }
}
