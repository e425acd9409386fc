/* join: keys canonicalised through geo, unmatched keys, duplicates, name clashes.
 * Expected rows are worked out by hand from the small tables below. */
#include <math.h>
#include <string.h>

#include "damirstat/join.h"
#include "t.h"

static table_t *load(const char *name, const char *csv)
{
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (table_load_buffer(name, csv, strlen(csv), &t, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "load %s: %s", name, err.msg);
    return t;
}

/* Joins with opt; returns the DS_* code and leaves the message in err. */
static int join_csv(const char *lcsv, const char *rcsv, join_options opt, join_result *r,
                    ds_err *err)
{
    table_t *l = load("left.csv", lcsv), *rt = load("right.csv", rcsv);
    ds_err_clear(err);
    int rc = l && rt ? join_tables(l, rt, &opt, r, err) : DS_EDATA;
    table_free(l);
    table_free(rt);
    return rc;
}

TEST(test_join_department_codes_match_in_any_spelling)
{
    join_result r = {0};
    ds_err err;
    int rc = join_csv("dep,visits\n1,10\n2A,20\n971,30\n", "code,gp\n01,5\n2a,6\n971,7\n",
                      (join_options){.left_key = "dep", .right_key = "code"}, &r, &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    if (rc)
        return;
    CHECK(r.key_type == JOIN_KEY_DEPT, "auto found departments");
    CHECK(table_nrows(r.table) == 3 && table_ncols(r.table) == 3, "3 x 3");
    CHECK_STR(table_text(r.table, 0, 0), "01");
    CHECK_STR(table_col_name(r.table, 2), "gp");
    CHECK_NEAR(table_num(r.table, 0, 2), 5, 0);
    CHECK_NEAR(table_num(r.table, 1, 2), 6, 0);
    CHECK_NEAR(table_num(r.table, 2, 2), 7, 0);
    CHECK(r.nmisses == 0, "no misses");
    join_result_free(&r);
}

TEST(test_join_inner_drops_and_left_keeps_unmatched_rows)
{
    const char *l = "dep,v\n01,1\n02,2\n03,3\n", *rt = "dep,w\n03,30\n01,10\n04,40\n";
    join_result r = {0};
    ds_err err;
    CHECK(join_csv(l, rt, (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(table_nrows(r.table) == 2, "inner keeps 01 and 03, got %zu", table_nrows(r.table));
    CHECK(r.nmisses == 2, "02 on the left, 04 on the right: %zu", r.nmisses);
    if (r.nmisses == 2) {
        CHECK(r.misses[0].side == 0 && strcmp(r.misses[0].key, "02") == 0, "left miss 02");
        CHECK(r.misses[0].line == 3, "02 is on line 3, got %zu", r.misses[0].line);
        CHECK(r.misses[1].side == 1 && strcmp(r.misses[1].key, "04") == 0, "right miss 04");
    }
    join_result_free(&r);
    CHECK(join_csv(l, rt, (join_options){.left_key = "dep", .right_key = "dep", .how = JOIN_LEFT},
                   &r, &err) == DS_OK, "%s", err.msg);
    CHECK(table_nrows(r.table) == 3, "left keeps all three");
    CHECK(table_is_missing(r.table, 1, 2), "02 has no w");
    CHECK_NEAR(table_num(r.table, 2, 2), 30, 0);
    join_result_free(&r);
}

TEST(test_join_name_clash_gets_suffix_right)
{
    join_result r = {0};
    ds_err err;
    CHECK(join_csv("dep,pop\n01,1\n", "dep,pop\n01,2\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK_STR(table_col_name(r.table, 1), "pop");
    CHECK_STR(table_col_name(r.table, 2), "pop_right");
    CHECK_NEAR(table_num(r.table, 0, 2), 2, 0);
    join_result_free(&r);
}

TEST(test_join_duplicate_right_key_names_both_lines)
{
    join_result r = {0};
    ds_err err;
    /* 01 on line 2 and, spelled 1, on line 4 */
    int rc = join_csv("dep\n01\n", "dep,w\n01,1\n02,2\n1,3\n",
                      (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err);
    CHECK(rc == DS_EDATA, "duplicate");
    CHECK_STR(err.msg, "right.csv:2 and right.csv:4: duplicate key 01");
    join_result_free(&r);
}

TEST(test_join_by_name_and_text_and_region_keys)
{
    join_result r = {0};
    ds_err err;
    CHECK(join_csv("nom,v\nCÔTE D'OR,1\nain,2\n", "dep,w\n21,10\n01,20\n",
                   (join_options){.left_key = "nom", .right_key = "dep", .by_name = 1}, &r,
                   &err) == DS_OK, "%s", err.msg);
    CHECK(table_nrows(r.table) == 2, "both names found");
    CHECK_STR(table_text(r.table, 0, 0), "21");
    CHECK_NEAR(table_num(r.table, 1, 2), 20, 0);
    join_result_free(&r);
    /* Text keys compare exactly: "1" and "01" differ. */
    CHECK(join_csv("k,v\n1,1\nb,2\n", "k,w\n01,10\nb,20\n",
                   (join_options){.left_key = "k", .right_key = "k", .key_type = JOIN_KEY_TEXT},
                   &r, &err) == DS_OK, "%s", err.msg);
    CHECK(table_nrows(r.table) == 1 && strcmp(table_text(r.table, 0, 0), "b") == 0, "only b");
    join_result_free(&r);
    /* Auto: a side without any department (b only) makes the join a text join. */
    CHECK(join_csv("k,v\nb,2\n01,3\n", "k,w\nb,20\n", (join_options){.left_key = "k", .right_key = "k"},
                   &r, &err) == DS_OK, "%s", err.msg);
    CHECK(r.key_type == JOIN_KEY_TEXT, "text join");
    join_result_free(&r);
    /* 2016 regions: 084 and 84 are Auvergne-Rhône-Alpes. */
    CHECK(join_csv("reg,v\n084,1\n", "reg,w\n84,7\n",
                   (join_options){.left_key = "reg", .right_key = "reg", .key_type = JOIN_KEY_REGION,
                                  .scheme = GEO_REGION_2016}, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(table_nrows(r.table) == 1, "region joined");
    CHECK_NEAR(table_num(r.table, 0, 2), 7, 0);
    join_result_free(&r);
}

TEST(test_join_errors)
{
    join_result r = {0};
    ds_err err;
    CHECK(join_csv("dep,v\n01,1\n", "code,w\n01,1\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_EDATA,
          "unknown right key");
    CHECK(strstr(err.msg, "'dep'") != NULL, "%s", err.msg);
    join_result_free(&r);
    CHECK(join_csv("dep,v\n01,1\n99,2\n", "dep,w\n01,1\n",
                   (join_options){.left_key = "dep", .right_key = "dep", .key_type = JOIN_KEY_DEPT},
                   &r, &err) == DS_EDATA, "99 is no department");
    CHECK(strstr(err.msg, "left.csv:3") != NULL, "%s", err.msg);
    join_result_free(&r);
}

TEST(test_join_auto_label_rows_stay_out_of_department_match)
{
    join_result r = {0};
    ds_err err;
    /* "France" and "Total" are labels: 1 still joins 01, and each label is listed by its
     * text as no department code. */
    CHECK(join_csv("dep,v\n1,10\n2,20\n2A,30\nFrance,60\n", "dep,w\n01,1\nTotal,9\n02,2\n2A,3\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(r.key_type == JOIN_KEY_DEPT, "labels do not make the key text");
    CHECK(table_nrows(r.table) == 3, "1, 2, 2A joined, got %zu", table_nrows(r.table));
    CHECK_STR(table_text(r.table, 1, 0), "02");
    CHECK_NEAR(table_num(r.table, 1, 2), 2, 0);
    CHECK(r.nmisses == 2, "France and Total: %zu", r.nmisses);
    char buf[128] = "";
    for (size_t i = 0; i < r.nmisses; i++) {
        const join_miss *m = &r.misses[i];
        join_describe_miss(m, r.key_type, buf, sizeof buf);
        if (m->side == 0) {
            CHECK_STR(buf, "France (not a department code)");
            CHECK(m->line == 5 && m->why == JOIN_MISS_NOT_CODE, "France on line 5");
        } else {
            CHECK_STR(buf, "Total (not a department code)");
            CHECK(m->line == 3, "Total on line 3, got %zu", m->line);
        }
    }
    join_result_free(&r);
    /* A code that is no department (96) still makes the key text, so 1 misses 01 and the
     * join, matching nothing, is an error that names the cause. */
    CHECK(join_csv("dep,v\n1,10\n96,20\nFrance,1\n", "dep,w\n01,1\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_EDATA,
          "96 is a code but no department");
    CHECK_STR(err.msg, "join: no key of left.csv matches one of right.csv: dep has '1', '96', "
              "'France'; dep has '01': the keys differ by leading zeros ('1' and '01'), which "
              "text keys keep: write them alike, or give --key-type dept or region for "
              "department or region codes");
    join_result_free(&r);
    CHECK(join_csv("dep,v\n1,10\n96,20\nFrance,1\n", "dep,w\n01,1\n",
                   (join_options){.left_key = "dep", .right_key = "dep",
                                  .key_type = JOIN_KEY_DEPT}, &r, &err) == DS_EDATA,
          "96 is no department");
    /* Arbitrary text keys, with no code at all, join as text. */
    CHECK(join_csv("k,v\nalpha,1\nbeta,2\n", "k,w\nbeta,20\nalpha,10\n",
                   (join_options){.left_key = "k", .right_key = "k"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(r.key_type == JOIN_KEY_TEXT && table_nrows(r.table) == 2 && r.nmisses == 0, "text join");
    join_result_free(&r);
    /* An explicit key type still refuses a label, naming its line. */
    CHECK(join_csv("dep,v\n1,10\nFrance,60\n", "dep,w\n01,1\n",
                   (join_options){.left_key = "dep", .right_key = "dep", .key_type = JOIN_KEY_DEPT},
                   &r, &err) == DS_EDATA, "France under --key-type dept");
    CHECK(strstr(err.msg, "left.csv:3") != NULL, "%s", err.msg);
    join_result_free(&r);
}

TEST(test_join_by_name_unknown_name_is_listed_not_fatal)
{
    join_result r = {0};
    ds_err err;
    /* Saint-Étienne is a city; Côte-d'Or a department. */
    const char *names = "nom,pop\nAin,100\nSaint-\xc3\x89tienne,300\nC\xc3\xb4te-d'Or,200\n";
    CHECK(join_csv("dep,v\n01,1\n21,2\n", names,
                   (join_options){.left_key = "dep", .right_key = "nom", .by_name = 1}, &r,
                   &err) == DS_OK, "%s", err.msg);
    CHECK(r.key_type == JOIN_KEY_DEPT, "names still departments");
    CHECK(table_nrows(r.table) == 2, "Ain and Côte-d'Or joined, got %zu", table_nrows(r.table));
    CHECK_NEAR(table_num(r.table, 1, 2), 200, 0);
    CHECK(r.nmisses == 1, "one miss, got %zu", r.nmisses);
    if (r.nmisses == 1) {
        CHECK(r.misses[0].side == 1 && r.misses[0].line == 3, "right line 3");
        CHECK(r.misses[0].why == JOIN_MISS_NOT_NAME, "not a name");
        CHECK_STR(join_miss_reason(&r.misses[0], r.key_type), "not a department name");
    }
    join_result_free(&r);
}

TEST(test_join_left_repeats_are_reported_and_kept)
{
    join_result r = {0};
    ds_err err;
    /* 01 on line 2 and, spelled 1, on line 4: both rows join. */
    CHECK(join_csv("dep,v\n01,1\n02,2\n1,3\n", "dep,w\n01,10\n02,20\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(table_nrows(r.table) == 3, "both 01 rows kept");
    CHECK(r.nrepeats == 1, "one repeat, got %zu", r.nrepeats);
    if (r.nrepeats == 1) {
        CHECK_STR(r.repeats[0].key, "01");
        CHECK(r.repeats[0].count == 2 && r.repeats[0].line1 == 2 && r.repeats[0].line2 == 4,
              "lines %zu and %zu", r.repeats[0].line1, r.repeats[0].line2);
    }
    join_result_free(&r);
    /* The same spelling twice among single keys: a duplicated row, reported. */
    CHECK(join_csv("dep,v\n01,1\n02,2\n03,3\n01,4\n", "dep,w\n01,10\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(r.nrepeats == 1, "duplicated row reported, got %zu", r.nrepeats);
    join_result_free(&r);
    /* A long table (department x year) repeats every key by design: nothing reported. */
    CHECK(join_csv("dep,y\n01,1\n01,2\n02,1\n02,2\n", "dep,w\n01,10\n02,20\n",
                   (join_options){.left_key = "dep", .right_key = "dep"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(r.nrepeats == 0 && table_nrows(r.table) == 4, "long table quiet, %zu", r.nrepeats);
    join_result_free(&r);
}

/* Panels join on two columns (department × year): the department canonicalised, the year
 * compared as a number (2013 = 2013.0), every right key column dropped from the output. */
TEST(test_join_two_key_columns_department_and_year)
{
    join_result r = {0};
    ds_err err;
    int rc = join_csv("dep,annee,x\n1,2013,5\n2,2013,6\n2A,2014,7\n1,2014,8\n",
                      "code,year,y\n01,2013.0,1\n02,2014,2\n2a,2014,3\n01,2014,4\n",
                      (join_options){.left_key = "dep, annee", .right_key = "code,year"}, &r,
                      &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    if (rc)
        return;
    CHECK(r.key_type == JOIN_KEY_DEPT, "first key column: departments");
    CHECK(table_nrows(r.table) == 3 && table_ncols(r.table) == 4, "3 x 4, got %zu x %zu",
          table_nrows(r.table), table_ncols(r.table));
    CHECK_STR(table_col_name(r.table, 3), "y");
    CHECK_STR(table_text(r.table, 0, 0), "01");
    CHECK_NEAR(table_num(r.table, 0, 3), 1, 0);  /* 01 2013 */
    CHECK_NEAR(table_num(r.table, 1, 3), 3, 0);  /* 2A 2014 */
    CHECK_NEAR(table_num(r.table, 2, 3), 4, 0);  /* 01 2014, not 01 2013's 1 */
    CHECK(r.nmisses == 2, "02 2013 left, 02 2014 right: %zu", r.nmisses);
    if (r.nmisses == 2) {
        char buf[128];
        join_describe_miss(&r.misses[0], r.key_type, buf, sizeof buf);
        CHECK_STR(buf, "(02 Aisne, 2013)");
        CHECK(r.misses[0].line == 3, "line 3, got %zu", r.misses[0].line);
    }
    join_result_free(&r);
}

TEST(test_join_two_keys_duplicate_and_count_mismatch_are_errors)
{
    join_result r = {0};
    ds_err err;
    CHECK(join_csv("dep,annee,x\n01,2013,5\n", "dep,annee,y\n01,2013,1\n1,2013,2\n",
                   (join_options){.left_key = "dep,annee", .right_key = "dep,annee"}, &r,
                   &err) == DS_EDATA, "a department-year twice on the right");
    CHECK_STR(err.msg, "right.csv:2 and right.csv:3: duplicate key 01, 2013");
    CHECK(join_csv("dep,annee,x\n01,2013,5\n", "dep,y\n01,1\n",
                   (join_options){.left_key = "dep,annee", .right_key = "dep"}, &r, &err) ==
              DS_EDATA, "two keys against one");
    CHECK_STR(err.msg, "join: 2 key columns in left.csv (dep,annee) but 1 in right.csv (dep): "
                       "name as many on each side");
    CHECK(join_csv("dep,annee,x\n01,2013,5\n", "dep,annee,y\n01,2013,1\n",
                   (join_options){.left_key = "dep,an", .right_key = "dep,annee"}, &r, &err) ==
              DS_EDATA, "unknown second column");
    CHECK(strstr(err.msg, "no column 'an'") != NULL, "%s", err.msg);
}

/* external-data names Open DAMIR's region codes reg_open_damir: 5 (all overseas) is one of
 * them, not an unknown 2016 region. */
TEST(test_join_reg_open_damir_column_reads_open_damir_codes)
{
    join_result r = {0};
    ds_err err;
    CHECK(join_csv("reg_open_damir,annee,x\n5,2019,1\n93,2019,2\n",
                   "reg_open_damir,annee,y\n5,2019,10\n93,2019,20\n",
                   (join_options){.left_key = "reg_open_damir,annee",
                                  .right_key = "reg_open_damir,annee"}, &r, &err) == DS_OK,
          "%s", err.msg);
    CHECK(r.key_type == JOIN_KEY_REGION && r.nmisses == 0, "regions, no miss: %zu",
          r.nmisses);
    CHECK(table_nrows(r.table) == 2, "both rows");
    join_result_free(&r);
}
