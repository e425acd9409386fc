#include "damirstat/geo.h"

#include <string.h>

#include "t.h"

static const char *canon(const char *s)
{
    static char out[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    if (geo_dept_canon(s, strlen(s), out, &err) != DS_OK)
        return "ERR";
    return out;
}

TEST(test_geo_codes_are_padded_and_unpadded)
{
    CHECK_STR(canon("1"), "01");
    CHECK_STR(canon("01"), "01");
    CHECK_STR(canon("001"), "01");
    CHECK_STR(canon(" 9 "), "09");
    CHECK_STR(canon("95"), "95");
    CHECK_STR(canon("75"), "75");
}

TEST(test_geo_corsica_codes)
{
    CHECK_STR(canon("2A"), "2A");
    CHECK_STR(canon("2a"), "2A");
    CHECK_STR(canon("2B"), "2B");
    CHECK_STR(canon("02B"), "2B");
    CHECK_STR(canon("20"), "20");
    CHECK_STR(geo_dept_name("20"), "Corse");
    CHECK(geo_dept_region("20", GEO_REGION_2016) == 94, "20 in Corse");
    CHECK(geo_dept_region("20", GEO_REGION_PRE2016) == 94, "20 in Corse before 2016");
    CHECK(geo_dept_region("20", GEO_REGION_OPENDAMIR) == 93, "20 in Open DAMIR's 93");
    CHECK(geo_dept_region("2A", GEO_REGION_OPENDAMIR) == 93, "Open DAMIR puts Corsica in 93");
    CHECK(geo_dept_region("2B", GEO_REGION_2016) == 94, "2B in Corse");
    CHECK(!geo_dept_is_overseas("20"), "20 metropolitan");
}

TEST(test_geo_overseas_codes)
{
    CHECK_STR(canon("971"), "971");
    CHECK_STR(canon("974"), "974");
    CHECK_STR(canon("976"), "976");
    CHECK_STR(canon("0971"), "971");
    CHECK(geo_dept_is_overseas("976"), "976 overseas");
    CHECK(!geo_dept_is_overseas("97"), "97 is not a department");
    CHECK(!geo_dept_is_overseas("975"), "975 (Saint-Pierre-et-Miquelon) is not a department");
    CHECK(!geo_dept_is_overseas("977"), "977 is not a department");
    CHECK(!geo_dept_is_overseas("01"), "01 metropolitan");
    CHECK_STR(geo_dept_name("976"), "Mayotte");
    CHECK(geo_dept_name("975") == NULL, "975 has no name");
}

TEST(test_geo_rejects_non_departments_with_the_text)
{
    const char *bad[] = {"0", "96", "97", "975", "977", "2C", "abc", "", "  ", "1000", "-1", "9 5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char out[GEO_CODE_MAX];
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_dept_canon(bad[i], strlen(bad[i]), out, &err) == DS_EDATA, "'%s' accepted", bad[i]);
        CHECK(err.msg[0] != '\0', "no message for '%s'", bad[i]);
    }
    /* the message quotes the text as given (without surrounding spaces) */
    const char *named[] = {"0", "96", "97", "975", "977", "2C", "abc", "1000", "-1", "9 5"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        char out[GEO_CODE_MAX], quoted[16];
        ds_err err;
        ds_err_clear(&err);
        geo_dept_canon(named[i], strlen(named[i]), out, &err);
        snprintf(quoted, sizeof quoted, "'%s'", named[i]);
        CHECK(strstr(err.msg, quoted) != NULL, "%s: %s", named[i], err.msg);
    }
    char out[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    CHECK(geo_dept_canon(" 2c ", 4, out, &err) == DS_EDATA, "2c");
    CHECK(strstr(err.msg, "'2c'") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(geo_dept_canon("", 0, out, &err) == DS_EDATA, "empty");
    CHECK(strstr(err.msg, "empty") != NULL, "%s", err.msg);
}

TEST(test_geo_canon_reads_only_len_bytes)
{
    /* codes come as byte ranges inside a CSV line: the bytes after len are not part of it */
    char out[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    CHECK(geo_dept_canon("2A;971", 2, out, &err) == DS_OK && !strcmp(out, "2A"), "2A");
    CHECK(geo_dept_canon("971;2A", 3, out, &err) == DS_OK && !strcmp(out, "971"), "971");
    CHECK(geo_dept_canon("0123", 2, out, &err) == DS_OK && !strcmp(out, "01"), "01");
}

static const char *by_name(const char *s)
{
    static char out[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    return geo_dept_by_name(s, out, &err) == DS_OK ? out : "ERR";
}

TEST(test_geo_names_ignore_case_accents_hyphens_apostrophes)
{
    CHECK_STR(by_name("Côte-d'Or"), "21");
    CHECK_STR(by_name("COTE D OR"), "21");
    CHECK_STR(by_name("cote d or"), "21");
    CHECK_STR(by_name("Côte-d\xe2\x80\x99Or"), "21"); /* typographic apostrophe */
    CHECK_STR(by_name("Cote-d\xe2\x80\x99Or"), "21");
    CHECK_STR(by_name("  cote-d-or  "), "21");
    CHECK_STR(by_name("COTEDOR"), "21");
    CHECK_STR(by_name("HÉRAULT"), "34");
    CHECK_STR(by_name("Lozère"), "48");
    CHECK_STR(by_name("PUY DE DÔME"), "63");
    CHECK_STR(by_name("deux sevres"), "79");
    CHECK_STR(by_name("Pyrénées-Orientales"), "66");
    CHECK_STR(by_name("Ille et Vilaine"), "35");
    CHECK_STR(by_name("Val-d'Oise"), "95");
    CHECK_STR(by_name("Corse"), "20");
    CHECK_STR(by_name("Haute-Corse"), "2B");
    CHECK_STR(by_name("\xc5\xb8ONNE"), "89"); /* Ÿ (U+0178) folds to y like ÿ */
    CHECK_STR(by_name("\xc3\xbfonne"), "89");
    CHECK_STR(by_name("CÔTE-D'OR"), "21");
    CHECK_STR(by_name("Côtes-d'Armor"), "22");
    CHECK_STR(by_name("Ariège"), "09");
    CHECK_STR(by_name("ARIEGE"), "09");
    CHECK_STR(by_name("Corse-du-Sud"), "2A");
    CHECK_STR(by_name("La Réunion"), "974");
    CHECK_STR(by_name("Réunion"), "974");
    CHECK_STR(by_name("Territoire de Belfort"), "90");
    CHECK_STR(by_name("Seine-Saint-Denis"), "93");
}

TEST(test_geo_names_accept_hackathon_labels)
{
    CHECK_STR(by_name("01-Ain"), "01");
    CHECK_STR(by_name("21 - Côte-d'Or"), "21");
    CHECK_STR(by_name("2A - Corse-du-Sud"), "2A");
    CHECK_STR(by_name("971-Guadeloupe"), "971");
    CHECK_STR(by_name("1-Ain"), "01");
    CHECK_STR(by_name("74 - HAUTE SAVOIE"), "74");
    CHECK_STR(by_name("976 - Mayotte"), "976");
}

TEST(test_geo_unknown_or_inconsistent_names_are_errors)
{
    char out[GEO_CODE_MAX];
    ds_err err;
    ds_err_clear(&err);
    CHECK(geo_dept_by_name("Atlantide", out, &err) == DS_EDATA, "unknown name");
    CHECK(strstr(err.msg, "Atlantide") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(geo_dept_by_name("02-Ain", out, &err) == DS_EDATA, "label code disagrees");
    CHECK(strstr(err.msg, "does not match") != NULL, "%s", err.msg);
    CHECK_STR(by_name(""), "ERR");
    CHECK_STR(by_name("   "), "ERR");
    CHECK_STR(by_name("'-'"), "ERR");     /* punctuation only folds to nothing */
    CHECK_STR(by_name("96 - Ain"), "ERR"); /* 96 is no code: the whole text is no name */
    CHECK_STR(by_name("21 - "), "ERR");
    CHECK_STR(by_name("Côte"), "ERR");     /* a prefix is not a name */
    ds_err_clear(&err);
    CHECK(geo_dept_by_name("2B - Corse-du-Sud", out, &err) == DS_EDATA, "2B is not 2A");
    CHECK(strstr(err.msg, "2B") && strstr(err.msg, "2A"), "%s", err.msg);
}

TEST(test_geo_regions_in_three_schemes)
{
    /* Côte-d'Or: Bourgogne (26) before 2016, Bourgogne-Franche-Comté (27) since. */
    CHECK(geo_dept_region("21", GEO_REGION_PRE2016) == 26, "21 pre-2016");
    CHECK(geo_dept_region("21", GEO_REGION_2016) == 27, "21 2016");
    CHECK(geo_dept_region("21", GEO_REGION_OPENDAMIR) == 27, "21 damir");
    /* Nord: Nord-Pas-de-Calais 31 → Hauts-de-France 32 */
    CHECK(geo_dept_region("59", GEO_REGION_PRE2016) == 31, "59 pre");
    CHECK(geo_dept_region("59", GEO_REGION_2016) == 32, "59 2016");
    /* Overseas: their own regions (01…06) in INSEE's schemes, 5 in Open DAMIR */
    CHECK(geo_dept_region("976", GEO_REGION_2016) == 6, "976");
    CHECK(geo_dept_region("971", GEO_REGION_OPENDAMIR) == 5, "971 damir");
    CHECK(geo_dept_region("99", GEO_REGION_2016) == -1, "unknown department");
    CHECK_STR(geo_region_name(32, GEO_REGION_2016), "Hauts-de-France");
    CHECK_STR(geo_region_name(31, GEO_REGION_PRE2016), "Nord-Pas-de-Calais");
    CHECK_STR(geo_region_name(99, GEO_REGION_OPENDAMIR), "Inconnu");
    CHECK(geo_region_name(94, GEO_REGION_OPENDAMIR) == NULL, "no 94 in Open DAMIR");
    CHECK(geo_region_name(31, GEO_REGION_2016) == NULL, "31 is gone since 2016");
}

TEST(test_geo_region_codes_canonicalise_per_scheme)
{
    int r = 0;
    ds_err err;
    ds_err_clear(&err);
    CHECK(geo_region_canon("084", 3, GEO_REGION_2016, &r, &err) == DS_OK && r == 84, "084");
    CHECK(geo_region_canon(" 5", 2, GEO_REGION_OPENDAMIR, &r, &err) == DS_OK && r == 5, "5");
    CHECK(geo_region_canon("5", 1, GEO_REGION_2016, &r, &err) == DS_EDATA, "5 is not INSEE");
    ds_err_clear(&err);
    CHECK(geo_region_canon("94", 2, GEO_REGION_OPENDAMIR, &r, &err) == DS_EDATA, "94 damir");
    CHECK(strstr(err.msg, "'94'") != NULL, "%s", err.msg);
    CHECK(geo_region_canon("x1", 2, GEO_REGION_2016, &r, &err) == DS_EDATA, "x1");
    CHECK(geo_region_canon("", 0, GEO_REGION_2016, &r, &err) == DS_EDATA, "empty");
}

TEST(test_geo_lists_101_departments_in_insee_order)
{
    /* 96 metropolitan (01…95 without 20, with 2A and 2B) + 5 overseas. */
    CHECK(geo_dept_count() == 101, "count %zu", geo_dept_count());
    CHECK_STR(geo_dept_code_at(0), "01");
    CHECK_STR(geo_dept_code_at(19), "2A");
    CHECK_STR(geo_dept_code_at(20), "2B");
    CHECK_STR(geo_dept_code_at(100), "976");
    CHECK(geo_dept_code_at(101) == NULL, "past the end");
    size_t overseas = 0;
    for (size_t i = 0; i < geo_dept_count(); i++) {
        const char *c = geo_dept_code_at(i);
        char out[GEO_CODE_MAX];
        ds_err err;
        ds_err_clear(&err);
        CHECK(geo_dept_canon(c, strlen(c), out, &err) == DS_OK && strcmp(out, c) == 0, "%s", c);
        CHECK(strcmp(by_name(geo_dept_name(c)), c) == 0, "name of %s", c);
        overseas += (size_t)geo_dept_is_overseas(c);
    }
    CHECK(overseas == 5, "overseas %zu", overseas);
}

/* Codes 11 … 94 are department and region codes alike: the level comes from the column's
 * name, or from a code that only one reading allows; otherwise the caller must ask. */
TEST(test_geo_level_from_name_and_codes)
{
    geo_region_scheme s;
    CHECK(geo_level_of_name("BEN_RES_REG", &s) == GEO_LEVEL_REGION && s == GEO_REGION_OPENDAMIR,
          "BEN_RES_REG: Open DAMIR regions");
    CHECK(geo_level_of_name("reg", &s) == GEO_LEVEL_REGION && s == GEO_REGION_2016, "reg");
    CHECK(geo_level_of_name("reg_open_damir", &s) == GEO_LEVEL_REGION &&
          s == GEO_REGION_OPENDAMIR, "reg_open_damir");
    CHECK(geo_level_of_name("codep", &s) == GEO_LEVEL_DEPT, "codep");
    CHECK(geo_level_of_name("BEN_RES_DPT", &s) == GEO_LEVEL_DEPT, "BEN_RES_DPT");
    CHECK(geo_level_of_name("code", &s) == GEO_LEVEL_UNKNOWN, "code says nothing");
    const char *both[] = {"11", "24", "93", "94"}, *dept[] = {"11", "24", "2A"},
               *region[] = {"11", "24", "99"}, *od[] = {"5", "11", "93"};
    CHECK(geo_level_of_codes(both, 4, &s) == GEO_LEVEL_UNKNOWN, "11 24 93 94: ambiguous");
    CHECK(geo_level_of_codes(dept, 3, &s) == GEO_LEVEL_DEPT, "2A: departments");
    CHECK(geo_level_of_codes(region, 3, &s) == GEO_LEVEL_REGION && s == GEO_REGION_OPENDAMIR,
          "99: Open DAMIR regions");
    CHECK(geo_level_of_codes(od, 3, &s) == GEO_LEVEL_UNKNOWN && s == GEO_REGION_OPENDAMIR,
          "5 11 93: still both (05 is Hautes-Alpes), read as Open DAMIR if regions");
    CHECK(geo_region_count(GEO_REGION_2016) == 18 && geo_region_code_at(GEO_REGION_2016, 5) == 11,
          "18 regions since 2016, 11 after the five overseas");
}
