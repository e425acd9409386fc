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

/* ---- the real tables built by scripts/make-*.py from external-data/raw/ ---------------- */

static size_t column(const table_t *t, const char *name)
{
    long c = table_col_index(t, name);
    CHECK(c >= 0, "%s: no column %s", table_name(t), name);
    return c >= 0 ? (size_t)c : 0;
}

static int is_department(const char *code)
{
    char canon[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    return geo_dept_canon(code, strlen(code), canon, &err) == DS_OK && !strcmp(canon, code) &&
           strcmp(code, "20") != 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* No two rows share the key made of the named columns (up to 4); returns the row count. */
static size_t check_unique(const table_t *t, const char *const *cols, size_t ncols)
{
    size_t n = table_nrows(t), idx[4];
    for (size_t k = 0; k < ncols; k++)
        idx[k] = column(t, cols[k]);
    char **keys = calloc(n, sizeof *keys);
    for (size_t i = 0; keys && i < n; i++) {
        char buf[256] = "";
        for (size_t k = 0; k < ncols; k++) {
            strncat(buf, table_text(t, i, idx[k]), sizeof buf - strlen(buf) - 2);
            strcat(buf, "|");
        }
        keys[i] = strdup(buf);
    }
    qsort(keys, n, sizeof *keys, cmp_str);
    for (size_t i = 1; keys && i < n; i++)
        CHECK(strcmp(keys[i - 1], keys[i]) != 0, "%s: key %s twice", table_name(t), keys[i]);
    for (size_t i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    return n;
}

/* Loads external-data/NAME and checks that the key columns identify its rows and, when
 * rows > 0, that it has that many. */
static table_t *load_keyed(const char *name, const char *const *key, size_t nkey, size_t rows)
{
    table_t *t = load(name);
    if (t) {
        size_t n = check_unique(t, key, nkey);
        CHECK(rows == 0 || n == rows, "%s: %zu rows, want %zu", name, n, rows);
    }
    return t;
}

static const char *const DEP_YEAR[] = {"dep", "annee"};

/* Sum of a number column over the rows whose `key` column reads `value` (NULL: all rows)
 * and, when year > 0, whose `annee` is year. */
static double sum_where(const table_t *t, const char *col, const char *key, const char *value,
                        int year)
{
    size_t c = column(t, col), k = key ? column(t, key) : 0, y = column(t, "annee");
    double s = 0;
    for (size_t i = 0; i < table_nrows(t); i++)
        if ((!key || !strcmp(table_text(t, i, k), value)) &&
            (year <= 0 || (int)table_num(t, i, y) == year))
            s += table_num(t, i, c);
    return s;
}

TEST(test_external_licences_equal_injep_table_5b_in_2024)
{
    table_t *t = load_keyed("licences-departements.csv", DEP_YEAR, 2, 101 * 9);
    if (!t)
        return;
    size_t dep = column(t, "dep"), year = column(t, "annee"), lic = column(t, "licences");
    size_t pop = column(t, "population"), rate = column(t, "licences_pour_100_hab");
    double metro[2] = {0, 0}, drom[2] = {0, 0};
    for (size_t i = 0; i < table_nrows(t); i++) {
        const char *code = table_text(t, i, dep);
        CHECK(is_department(code), "code %s", code);
        double l = table_num(t, i, lic), p = table_num(t, i, pop);
        CHECK(fabs(table_num(t, i, rate) - 100 * l / p) <= 5e-4, "%s rate", code);
        if ((int)table_num(t, i, year) != 2024)
            continue;
        double *acc = geo_dept_is_overseas(code) ? drom : metro;
        acc[0] += l, acc[1] += p;
    }
    /* INJEP-MEDES, table 5b "Licences annuelles par département pour la saison 2024"
     * (data of 15/07/2025): columns "Total Métropole" and "Total DROM", rows "Total" and
     * "Population départementale" (INSEE estimate on 1 January 2024). */
    CHECK(metro[0] == 16604157 && metro[1] == 66192959, "metro %.0f %.0f", metro[0], metro[1]);
    CHECK(drom[0] == 408681 && drom[1] == 2243657, "DROM %.0f %.0f", drom[0], drom[1]);
    table_free(t);
}

/* Each region's licences and population are its departments' sums, in both region schemes. */
static void check_regions_add_up(const char *name, const char *regcol, geo_region_scheme sch,
                                 size_t nregions)
{
    table_t *r = load(name), *d = load("licences-departements.csv");
    if (!r || !d)
        goto done;
    const char *key[] = {regcol, "annee"};
    CHECK(check_unique(r, key, 2) == nregions * 9, "%s rows %zu", name, table_nrows(r));
    size_t reg = column(r, regcol), year = column(r, "annee"), lic = column(r, "licences");
    size_t dep = column(d, "dep"), dyear = column(d, "annee"), dlic = column(d, "licences");
    for (size_t i = 0; i < table_nrows(r); i++) {
        int code;
        const char *text = table_text(r, i, reg);
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_region_canon(text, strlen(text), sch, &code, &err) == DS_OK, "%s", text);
        double sum = 0;
        for (size_t j = 0; j < table_nrows(d); j++)
            if (geo_dept_region(table_text(d, j, dep), sch) == code &&
                table_num(d, j, dyear) == table_num(r, i, year))
                sum += table_num(d, j, dlic);
        CHECK(sum == table_num(r, i, lic), "%s %s: %.0f", name, text, sum);
    }
done:
    table_free(r);
    table_free(d);
}

TEST(test_external_licence_regions_are_sums_of_departments)
{
    check_regions_add_up("licences-regions.csv", "reg", GEO_REGION_2016, 18);
    check_regions_add_up("licences-regions-open-damir.csv", "reg_open_damir",
                         GEO_REGION_OPENDAMIR, 13);
}

TEST(test_external_gp_acts_2013_equal_the_hackathon_table)
{
    table_t *a = load_keyed("actes-mg-departements.csv", DEP_YEAR, 2, 101 * 5);
    table_t *h = load("hackathon-2013/damir2013_2.csv"), *m = load("actes-mg-departements-mois.csv");
    if (!a || !h || !m)
        goto done;
    size_t dep = column(a, "dep"), year = column(a, "annee"), months = column(a, "months");
    size_t hdep = column(h, "codep"), hacts = column(h, "nb_actes");
    for (size_t i = 0; i < table_nrows(a); i++) {
        const char *code = table_text(a, i, dep);
        int y = (int)table_num(a, i, year);
        CHECK(is_department(code), "code %s", code);
        /* The files end with November 2014 care (Mayotte: October). */
        int want = y < 2014 ? 12 : strcmp(code, "976") ? 11 : 10;
        CHECK((int)table_num(a, i, months) == want, "%s %d months", code, y);
        CHECK(sum_where(m, "actes", "dep", code, y) == table_num(a, i, column(a, "actes")),
              "%s %d: months do not add up", code, y);
    }
    /* SGMAP-AGD/densite_medecins data/damir2013_2.csv: the team's 2013 acts, department by
     * department, and their total. */
    CHECK(table_nrows(h) == 101, "hackathon rows");
    for (size_t i = 0; i < table_nrows(h); i++)
        CHECK(sum_where(a, "actes", "dep", table_text(h, i, hdep), 2013) == table_num(h, i, hacts),
              "2013 %s", table_text(h, i, hdep));
    CHECK(sum_where(a, "actes", NULL, NULL, 2013) == sum_where(h, "nb_actes", NULL, NULL, 0),
          "2013 total");
done:
    table_free(a);
    table_free(h);
    table_free(m);
}

TEST(test_external_protected_population_adds_up_to_rniam_totals)
{
    /* Mayotte has no row in the 2009 and 2010 workbooks. */
    const char *akey[] = {"dep", "annee", "sexe", "age_min"};
    table_t *p = load_keyed("population-protegee-departements.csv", DEP_YEAR, 2, 101 * 6 - 2);
    table_t *age = load_keyed("population-protegee-departements-age.csv", akey, 4,
                              (101 * 6 - 2) * 2 * 19);
    if (!p || !age)
        goto done;
    /* CNAMTS RNIAM_RGSLM_JANVIER2013.xls, sheet "Ensemble RG et SLM": row "France entière"
     * 58,987,502, of which 891,576 on the row "cpam non renseignée" (SLM members with no
     * CPAM, in no department). Row "01-Ain", column Total: 478,280. */
    CHECK(sum_where(p, "population_protegee", NULL, NULL, 2013) == 58987502 - 891576, "2013");
    CHECK(sum_where(p, "population_protegee", "dep", "01", 2013) == 478280, "Ain 2013");
    /* 1 January 2014: France entière 59,483,832, no CPAM 993,193. */
    CHECK(sum_where(p, "population_protegee", NULL, NULL, 2014) == 59483832 - 993193, "2014");
    for (int y = 2009; y <= 2014; y++)
        CHECK(sum_where(age, "population_protegee", NULL, NULL, y) ==
                  sum_where(p, "population_protegee", NULL, NULL, y), "%d: bands", y);
done:
    table_free(p);
    table_free(age);
}

TEST(test_external_rpps_gps_add_up_to_france_entiere)
{
    table_t *t = load_keyed("rpps-generalistes-departements.csv", DEP_YEAR, 2, 202);
    if (!t)
        return;
    /* DREES rpps_tab3 (2014-01-rpps-tab3-v3), zone "FRANCE ENTIERE", "Généralistes", all
     * modes: 101,803 on 1 January 2013 and 102,140 on 1 January 2014. */
    CHECK(sum_where(t, "generalistes", NULL, NULL, 2013) == 101803, "2013");
    CHECK(sum_where(t, "generalistes", NULL, NULL, 2014) == 102140, "2014");
    /* damir2013_2.csv, Ain: effectifs 682, densite_medecins 142.594296228151. */
    CHECK(sum_where(t, "generalistes", "dep", "01", 2013) == 682, "Ain");
    CHECK_NEAR(sum_where(t, "densite_generalistes_pour_100000_proteges", "dep", "01", 2013),
               142.594296228151, 1e-5);
    table_free(t);
}

TEST(test_external_panel_joins_acts_affiliates_and_gps)
{
    table_t *t = load_keyed("panel-mg-departements.csv", DEP_YEAR, 2, 505);
    if (!t)
        return;
    size_t acts = column(t, "actes"), pop = column(t, "population_protegee");
    size_t per = column(t, "actes_par_affilie"), gp = column(t, "generalistes");
    size_t year = column(t, "annee");
    size_t gps = 0;
    for (size_t i = 0; i < table_nrows(t); i++) {
        if (!table_is_missing(t, i, pop))
            CHECK_NEAR(table_num(t, i, per), table_num(t, i, acts) / table_num(t, i, pop), 1e-6);
        gps += !table_is_missing(t, i, gp);
        CHECK(table_is_missing(t, i, gp) == (table_num(t, i, year) < 2013), "GPs only 2013-14");
    }
    CHECK(gps == 202 && table_col_missing(t, pop) == 1, "GPs %zu, missing affiliates %zu", gps,
          table_col_missing(t, pop)); /* Mayotte 2010: no RNIAM row */
    table_free(t);
}

/* The text of column `col` on the first row where `key` reads `value`, or "". */
static const char *cell(const table_t *t, const char *key, const char *value, const char *col)
{
    size_t k = column(t, key), c = column(t, col);
    for (size_t i = 0; i < table_nrows(t); i++)
        if (!strcmp(table_text(t, i, k), value))
            return table_text(t, i, c);
    return "";
}

TEST(test_external_health_indicators_hold_published_values)
{
    const char *vkey[] = {"dep", "annee", "vaccin"}, *skey[] = {"dep", "annee", "sexe", "classe_age"};
    table_t *life = load_keyed("esperance-vie-departements-2023.csv", DEP_YEAR, 1, 101);
    table_t *poor = load_keyed("pauvrete-departements-2021.csv", DEP_YEAR, 1, 101);
    table_t *vacc = load_keyed("vaccination-departements.csv", vkey, 3, 0);
    table_t *sui = load_keyed("suicides-departements.csv", skey, 4, 101 * 5 * 3 * 6);
    if (!life || !poor || !vacc || !sui)
        goto done;
    /* INSEE Statistiques locales 2023: Mayotte women 74.3, men 73.9 years at birth. */
    CHECK_STR(cell(life, "dep", "976", "esperance_vie_femmes"), "74.3");
    CHECK_STR(cell(life, "dep", "976", "esperance_vie_hommes"), "73.9");
    /* INSEE Filosofi 2021, figure 2, reading note: "le taux de pauvreté est de 28,4 % en
     * Seine-Saint-Denis"; Budget de famille 2017: Guyane 52.9, Mayotte 77.3 (the workbook
     * swaps their codes; the names decide). */
    CHECK_STR(cell(poor, "dep", "93", "taux_pauvrete"), "28.4");
    CHECK_STR(cell(poor, "dep", "973", "taux_pauvrete"), "52.9");
    CHECK_STR(cell(poor, "dep", "976", "taux_pauvrete"), "77.3");
    size_t v = column(vacc, "couverture"), d = column(vacc, "dep");
    for (size_t i = 0; i < table_nrows(vacc); i++) {
        CHECK(table_num(vacc, i, v) >= 0 && table_num(vacc, i, v) <= 100, "coverage row %zu", i);
        CHECK(is_department(table_text(vacc, i, d)), "code %s", table_text(vacc, i, d));
    }
done:
    table_free(life);
    table_free(poor);
    table_free(vacc);
    table_free(sui);
}

TEST(test_external_daily_smoking_2017_matches_spf)
{
    const char *key[] = {"reg", "annee", "sexe", "indicateur"};
    table_t *t = load_keyed("tabac-alcool-regions.csv", key, 4, 0);
    if (!t)
        return;
    size_t reg = column(t, "reg"), year = column(t, "annee"), sex = column(t, "sexe");
    size_t ind = column(t, "indicateur"), rate = column(t, "taux_standardise");
    /* Santé publique France, BEH 2018, regional daily smoking among 18-75 year olds in 2017:
     * Provence-Alpes-Côte d'Azur 32.2 %, Île-de-France 21.3 %, Pays de la Loire 23.0 %. */
    const char *regs[] = {"93", "11", "52"};
    const double want[] = {32.2, 21.3, 23.0};
    for (size_t k = 0; k < 3; k++) {
        int found = 0;
        for (size_t i = 0; i < table_nrows(t); i++)
            if (!strcmp(table_text(t, i, reg), regs[k]) && table_num(t, i, year) == 2017 &&
                !strcmp(table_text(t, i, sex), "Hommes et Femmes") &&
                !strcmp(table_text(t, i, ind), "tabac_quotidien")) {
                found = 1;
                CHECK(fabs(table_num(t, i, rate) - want[k]) < 0.05, "%s", regs[k]);
            }
        CHECK(found, "no 2017 row for %s", regs[k]);
    }
    table_free(t);
}

TEST(test_external_open_damir_regions_add_up_to_the_cent)
{
    const char *key[] = {"reg_open_damir", "annee"};
    const char *akey[] = {"reg_open_damir", "annee", "sexe", "age"};
    table_t *r = load_keyed("opendamir-depenses-regions.csv", key, 2, 13 * 6);
    table_t *as = load_keyed("opendamir-depenses-regions-age-sexe.csv", akey, 4, 0);
    const char *pkey[] = {"reg_open_damir", "annee", "age"};
    table_t *pa = load_keyed("population-regions-open-damir-age.csv", pkey, 3, 13 * 5 * 8);
    table_t *ps = load_keyed("population-regions-open-damir-sexe.csv", akey, 3, 13 * 5 * 2);
    if (!r || !as || !pa || !ps)
        goto done;
    size_t reg = column(r, "reg_open_damir"), year = column(r, "annee");
    size_t paid = column(r, "montant_paye_eur"), pop = column(r, "population");
    size_t per = column(r, "paye_par_habitant_eur");
    for (size_t i = 0; i < table_nrows(r); i++) {
        const char *code = table_text(r, i, reg);
        int y = (int)table_num(r, i, year), c;
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_region_canon(code, strlen(code), GEO_REGION_OPENDAMIR, &c, &err) == DS_OK, "%s", code);
        double cents = round(100 * sum_where(as, "montant_paye_eur", "reg_open_damir", code, y));
        CHECK(cents == round(100 * table_num(r, i, paid)), "%s %d: bands", code, y);
        CHECK(fabs(table_num(r, i, per) - table_num(r, i, paid) / table_num(r, i, pop)) <= 0.005,
              "%s %d per inhabitant", code, y);
        if (y <= 2023) {
            CHECK(sum_where(pa, "population", "reg_open_damir", code, y) == table_num(r, i, pop),
                  "%s %d: age bands", code, y);
            CHECK(sum_where(ps, "population", "reg_open_damir", code, y) == table_num(r, i, pop),
                  "%s %d: sexes", code, y);
        }
    }
    /* INSEE estimates on 1 January 2023 (101 departments): 68,042,591; INJEP table 5b,
     * "Total Métropole+DROM" population on 1 January 2024: 68,436,616. */
    CHECK(sum_where(r, "population", NULL, NULL, 2023) == 68042591, "2023 population");
    CHECK(sum_where(r, "population", NULL, NULL, 2024) == 68436616, "2024 population");
done:
    table_free(r);
    table_free(as);
    table_free(pa);
    table_free(ps);
}

/* Region pairs bordering each other in `name`, against the pairs recomputed here from the
 * department contiguity and geo's department -> region table. */
static void check_region_contiguity(const char *name, geo_region_scheme scheme)
{
    table_t *r = load(name), *d = load("departements-contiguite.csv");
    if (!r || !d)
        goto done;
    enum { MAXREG = 100 };
    static unsigned char want[MAXREG][MAXREG], got[MAXREG][MAXREG];
    memset(want, 0, sizeof want);
    memset(got, 0, sizeof got);
    for (size_t i = 0; i < table_nrows(d); i++) {
        int a = geo_dept_region(table_text(d, i, 0), scheme);
        int b = geo_dept_region(table_text(d, i, 1), scheme);
        if (a != b && a > 0 && a < MAXREG && b > 0 && b < MAXREG)
            want[a][b] = 1;
    }
    for (size_t i = 0; i < table_nrows(r); i++) {
        int a = (int)table_num(r, i, 0), b = (int)table_num(r, i, 1);
        CHECK(a > 0 && a < MAXREG && b > 0 && b < MAXREG && geo_region_name(a, scheme) &&
                  geo_region_name(b, scheme), "%s: pair %d,%d", name, a, b);
        if (a > 0 && a < MAXREG && b > 0 && b < MAXREG)
            got[a][b] = 1;
    }
    check_unique(r, (const char *const[]){table_col_name(r, 0), "voisin"}, 2);
    CHECK(memcmp(want, got, sizeof want) == 0, "%s: pairs differ from the departments'", name);
    /* Île-de-France borders Centre-Val de Loire, Bourgogne-Franche-Comté, Normandie,
     * Hauts-de-France and Grand Est (INSEE 2016 regions) and nothing else. */
    int idf[] = {24, 27, 28, 32, 44};
    size_t n = 0;
    for (int b = 0; b < MAXREG; b++)
        n += got[11][b];
    CHECK(n == 5, "%s: Île-de-France has %zu neighbours", name, n);
    for (size_t k = 0; k < 5; k++)
        CHECK(got[11][idf[k]] && got[idf[k]][11], "%s: 11-%d", name, idf[k]);
done:
    table_free(r);
    table_free(d);
}

TEST(test_external_region_contiguity_follows_the_departments)
{
    check_region_contiguity("regions-contiguite.csv", GEO_REGION_2016);
    check_region_contiguity("regions-open-damir-contiguite.csv", GEO_REGION_OPENDAMIR);
}

/* Even-odd rule: is (x, y) inside the ring of n vertices? */
static int point_in_ring(double x, double y, const double *xs, const double *ys, size_t n)
{
    int in = 0;
    for (size_t a = 0, b = n - 1; a < n; b = a++)
        if ((ys[a] > y) != (ys[b] > y) &&
            x < xs[a] + (y - ys[a]) * (xs[b] - xs[a]) / (ys[b] - ys[a]))
            in = !in;
    return in;
}

/* Marks in inside[i] the centroid rows (dep, nom, lon, lat) of t that lie inside a part of
 * their own department in the outline file fp, projected as scripts/make-map.py projects
 * the mainland (x = lon cos 46.5° × 111.32 km, y = lat × 111.32 km). */
static void mark_centroids_inside(const table_t *t, FILE *fp, int *inside)
{
    static double xs[4096], ys[4096];
    char line[256], part[GEO_CODE_MAX] = "";
    size_t n = 0;
    for (;;) {
        int more = fgets(line, sizeof line, fp) != NULL;
        if ((!more || !strncmp(line, "poly", 4) || line[0] == '\n') && n > 2)
            for (size_t i = 0; i < table_nrows(t); i++)
                if (!strcmp(table_text(t, i, 0), part) &&
                    point_in_ring(table_num(t, i, 2) * cos(46.5 * M_PI / 180) * 111.32,
                                  table_num(t, i, 3) * 111.32, xs, ys, n))
                    inside[i] = 1;
        if (!more)
            break;
        if (sscanf(line, "poly %3s", part) == 1 || line[0] == '\n')
            n = 0;
        else if (n < 4096 && sscanf(line, "%lf %lf", &xs[n], &ys[n]) == 2)
            n++;
    }
}

TEST(test_external_centroids_lie_in_their_departments)
{
    table_t *t = load_keyed("departements-centroides.csv", DEP_YEAR, 1, 101);
    char path[4096];
    snprintf(path, sizeof path, "%s/external-data/departements-carte.txt", t_root());
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL, "%s", path);
    if (!t || !fp)
        goto done;
    /* Every metropolitan centroid lies inside its department's outline, except
     * Hauts-de-Seine: the area centroid of that crescent falls in Paris (Bois de Boulogne).
     * Overseas outlines are insets, not at their longitude and latitude. */
    int inside[101] = {0};
    mark_centroids_inside(t, fp, inside);
    for (size_t i = 0; i < table_nrows(t) && i < 101; i++) {
        const char *code = table_text(t, i, 0);
        if (!geo_dept_is_overseas(code))
            CHECK(inside[i] == (strcmp(code, "92") != 0), "%s: centroid inside = %d", code,
                  inside[i]);
    }
done:
    if (fp)
        fclose(fp);
    table_free(t);
}

TEST(test_external_region_map_has_every_region_once)
{
    const char *names[] = {"regions-carte.txt", "regions-open-damir-carte.txt"};
    geo_region_scheme schemes[] = {GEO_REGION_2016, GEO_REGION_OPENDAMIR};
    size_t want[] = {18, 13};
    for (size_t f = 0; f < 2; f++) {
        char path[4096], line[256], code[GEO_CODE_MAX];
        snprintf(path, sizeof path, "%s/external-data/%s", t_root(), names[f]);
        FILE *fp = fopen(path, "r");
        CHECK(fp != NULL, "%s", path);
        if (!fp)
            continue;
        int seen[100] = {0};
        size_t boxes = 0, regions = 0;
        while (fgets(line, sizeof line, fp)) {
            boxes += !strncmp(line, "box ", 4);
            if (sscanf(line, "poly %3s", code) == 1) {
                int r = atoi(code);
                CHECK(r > 0 && r < 100 && geo_region_name(r, schemes[f]), "%s: %s", names[f], code);
                if (r > 0 && r < 100 && !seen[r]++)
                    regions++;
            }
        }
        fclose(fp);
        /* Five overseas insets (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte). */
        CHECK(regions == want[f] && boxes == 5, "%s: %zu regions, %zu boxes", names[f], regions,
              boxes);
    }
}
