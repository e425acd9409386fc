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
    table_free(t);
}

TEST(test_external_contiguity_is_symmetric_and_canonical)
{
    table_t *t = load("departements-contiguite.csv");
    if (!t)
        return;
    size_t n = table_nrows(t);
    CHECK(n > 400, "pairs %zu", n);
    size_t paris = 0;
    for (size_t i = 0; i < n; i++) {
        const char *a = table_text(t, i, 0), *b = table_text(t, i, 1);
        CHECK(geo_dept_name(a) && geo_dept_name(b) && strcmp(a, b) != 0, "%s,%s", a, b);
        int mirrored = 0;
        for (size_t j = 0; j < n && !mirrored; j++)
            mirrored = !strcmp(table_text(t, j, 0), b) && !strcmp(table_text(t, j, 1), a);
        CHECK(mirrored, "%s,%s has no mirror", a, b);
        if (!strcmp(a, "75"))
            paris++;
    }
    CHECK(paris == 3, "Paris borders 92, 93 and 94 only: %zu", paris); /* by geography */
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
