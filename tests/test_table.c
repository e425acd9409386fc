/* Tests of the table module. Expected values are worked out by hand from the fixture
 * bytes written inline (positions counted on the literal: line 1 is the first line, column
 * 1 its first byte). */
#include "damirstat/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static table_t *load_opts(const char *data, size_t len, const table_load_opts *opts,
                          ds_err *err)
{
    table_t *t = NULL;
    ds_err_clear(err);
    int rc = table_load_buffer_with("x.csv", data, len, opts, &t, err);
    if (rc != DS_OK && t)
        t_fail(__FILE__, __LINE__, "a failed load must leave *out NULL");
    return t;
}

static table_t *load(const char *data, ds_err *err)
{
    return load_opts(data, strlen(data), NULL, err);
}

/* Loads data (len bytes) and checks that it fails with DS_EDATA and exactly msg. */
static void check_fails_n(const char *data, size_t len, const char *msg, int line)
{
    ds_err err;
    table_t *t = load_opts(data, len, NULL, &err);
    if (t || err.code != DS_EDATA || strcmp(err.msg, msg) != 0)
        t_fail(__FILE__, line, "got code %d \"%s\", want DS_EDATA \"%s\"", err.code, err.msg,
               msg);
    table_free(t);
}
#define CHECK_FAILS(data, msg) check_fails_n(data, strlen(data), msg, __LINE__)

TEST(test_table_comma_file_has_header_rows_and_numbers)
{
    ds_err err;
    table_t *t = load("a,b\n1,2\n3,4.5\n", &err);
    CHECK(t, "%s", err.msg);
    if (!t)
        return;
    CHECK(table_nrows(t) == 2 && table_ncols(t) == 2, "%zu x %zu", table_nrows(t),
          table_ncols(t));
    CHECK_STR(table_col_name(t, 1), "b");
    CHECK(table_col_type(t, 0) == TABLE_NUMBER, "type");
    CHECK_NEAR(table_num(t, 1, 1), 4.5, 0);
    CHECK_STR(table_name(t), "x.csv");
    CHECK(table_row_line(t, 0) == 2 && table_row_line(t, 1) == 3, "lines");
    CHECK(table_col_index(t, "b") == 1 && table_col_index(t, "c") == -1, "col_index");
    table_free(t);
}

TEST(test_table_semicolon_is_detected_and_comma_is_decimal)
{
    ds_err err;
    table_t *t = load("dep;taux\n01;3,42\n02;4,5\n", &err);
    CHECK(t && table_ncols(t) == 2, "%s", err.msg);
    if (t)
        CHECK_NEAR(table_num(t, 0, 1), 3.42, 0);
    table_free(t);
}

TEST(test_table_tab_is_detected)
{
    ds_err err;
    table_t *t = load("a\tb\tc;d\n1\t 2 \t3\n", &err);
    CHECK(t && table_ncols(t) == 3, "%s", err.msg);
    if (t) {
        CHECK_STR(table_col_name(t, 2), "c;d");
        CHECK_STR(table_text(t, 0, 1), "2");
    }
    table_free(t);
}

TEST(test_table_delimiter_tie_is_refused)
{
    CHECK_FAILS("a,b;c\n1,2;3\n",
                "x.csv:1:1: cannot tell the delimiter: the header line has 1 ',', 1 ';' and "
                "0 tabs (give it with -d, or delim = in a study)");
}

TEST(test_table_delimiters_inside_quotes_do_not_count)
{
    ds_err err;
    table_t *t = load("\"a;b;c\",d\n1,2\n", &err);
    CHECK(t && table_ncols(t) == 2, "%s", err.msg);
    if (t)
        CHECK_STR(table_col_name(t, 0), "a;b;c");
    table_free(t);
}

TEST(test_table_forced_delimiter_overrides_detection)
{
    ds_err err;
    table_load_opts o = {.delim = ';'};
    const char *s = "a;b,c\n1;x,y\n";
    table_t *t = load_opts(s, strlen(s), &o, &err);
    CHECK(t && table_ncols(t) == 2, "%s", err.msg);
    if (t)
        CHECK_STR(table_text(t, 0, 1), "x,y");
    table_free(t);
    o.delim = '|';
    t = load_opts(s, strlen(s), &o, &err);
    CHECK(!t && err.code == DS_EUSAGE, "a '|' delimiter is a usage error");
}

TEST(test_table_single_column_file)
{
    ds_err err;
    table_t *t = load("x\n1\n2\n", &err);
    CHECK(t && table_ncols(t) == 1 && table_nrows(t) == 2, "%s", err.msg);
    table_free(t);
}

TEST(test_table_utf8_bom_is_removed)
{
    ds_err err;
    table_t *t = load("\xEF\xBB\xBF" "code,n\n01,5\n", &err);
    CHECK(t, "%s", err.msg);
    if (t)
        CHECK_STR(table_col_name(t, 0), "code");
    table_free(t);
    /* Columns do not count the BOM: the row "1" ends at byte 2 of line 2. */
    CHECK_FAILS("\xEF\xBB\xBF" "a,b\n1\n", "x.csv:2:2: expected 2 fields (as in the header), got 1");
}

TEST(test_table_crlf_lines)
{
    ds_err err;
    table_t *t = load("a,b\r\n1,x\r\n3,y\r\n", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t) {
        CHECK_STR(table_text(t, 0, 1), "x");
        CHECK_STR(table_col_name(t, 1), "b");
        CHECK(table_row_line(t, 1) == 3, "line %zu", table_row_line(t, 1));
    }
    table_free(t);
    CHECK_FAILS("a,b\r\n1,2\r\n1,2,3\r\n", "x.csv:3:5: expected 2 fields (as in the header), got 3");
}

TEST(test_table_lone_cr_ends_a_line)
{
    ds_err err;
    table_t *t = load("a,b\r1,2\r3,4", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t)
        CHECK(table_row_line(t, 1) == 3, "line %zu", table_row_line(t, 1));
    table_free(t);
}

TEST(test_table_no_newline_at_end_is_accepted)
{
    ds_err err;
    table_t *t = load("a,b\n1,2\n3,4", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t)
        CHECK_NEAR(table_num(t, 1, 1), 4, 0);
    table_free(t);
}

TEST(test_table_comments_before_header_are_skipped)
{
    ds_err err;
    table_t *t = load("# synthetic: not real data\n#\n\na,b\n1,2\n#3,4\n", &err);
    CHECK(t, "%s", err.msg);
    if (!t)
        return;
    CHECK_STR(table_col_name(t, 0), "a");
    CHECK(table_nrows(t) == 2, "after the header '#' starts data: %zu rows", table_nrows(t));
    CHECK(table_row_line(t, 0) == 5, "line %zu", table_row_line(t, 0));
    CHECK_STR(table_text(t, 1, 0), "#3");
    table_free(t);
}

TEST(test_table_skip_lines_drops_titles)
{
    ds_err err;
    table_load_opts o = {.skip_lines = 2};
    const char *s = "Professionnels de sant\xC3\xA9\n;;Effectifs\ncode;nom;n\n01;Ain;1223\n";
    table_t *t = load_opts(s, strlen(s), &o, &err);
    CHECK(t && table_ncols(t) == 3 && table_nrows(t) == 1, "%s", err.msg);
    if (t) {
        CHECK_STR(table_col_name(t, 0), "code");
        CHECK(table_row_line(t, 0) == 4, "line %zu", table_row_line(t, 0));
    }
    table_free(t);
}

TEST(test_table_blank_lines_between_rows_are_skipped)
{
    ds_err err;
    table_t *t = load("a\n1\n\n  \n2\n", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t)
        CHECK(table_row_line(t, 1) == 5, "line %zu", table_row_line(t, 1));
    table_free(t);
}

TEST(test_table_windows_1252_is_converted_to_utf8)
{
    ds_err err;
    /* 0xF4 = ô, 0x80 = € (U+20AC), 0x92 = ’ (U+2019) in Windows-1252. */
    table_t *t = load("nom;n\nC\xF4te-d\x92Or;1\n\x80;2\n", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t) {
        CHECK_STR(table_text(t, 0, 0), "C\xC3\xB4te-d\xE2\x80\x99Or");
        CHECK_STR(table_text(t, 1, 0), "\xE2\x82\xAC");
    }
    table_free(t);
}

TEST(test_table_windows_1252_no_break_space_separates_thousands)
{
    ds_err err;
    table_t *t = load("pop\n1\xA0" "234\n", &err); /* 0xA0 = U+00A0 in Windows-1252 */
    CHECK(t && table_col_type(t, 0) == TABLE_NUMBER, "%s", err.msg);
    if (t)
        CHECK_NEAR(table_num(t, 0, 0), 1234, 0);
    table_free(t);
}

TEST(test_table_windows_1252_columns_count_original_bytes)
{
    /* "été,1,2": field 3 starts at byte 7 of the original line (9 once converted). */
    CHECK_FAILS("nom,v\n\xE9t\xE9,1,2\n", "x.csv:2:7: expected 2 fields (as in the header), got 3"
                                       ": is line 2 the header, below title lines? --skip 1 drops them (skip = 1 in a study)");
}

TEST(test_table_byte_undefined_in_windows_1252_is_an_error)
{
    CHECK_FAILS("a\nb\x81\n",
                "x.csv:2:2: byte 0x81 is neither UTF-8 nor a Windows-1252 character");
}

TEST(test_table_utf8_mixed_with_latin1_is_an_error)
{
    /* Line 2 is UTF-8 (ô = C3 B4), line 3 has a Latin-1 è (0xE8) at byte 4. */
    CHECK_FAILS("nom\nC\xC3\xB4te\nAri\xE8ge\n",
                "x.csv:3:4: invalid UTF-8 byte 0xE8 (the file mixes UTF-8 with another "
                "encoding)");
}

TEST(test_table_forced_encodings)
{
    ds_err err;
    table_load_opts o = {.encoding = TABLE_ENC_UTF8};
    const char *latin = "nom\nAri\xE8ge\n";
    table_t *t = load_opts(latin, strlen(latin), &o, &err);
    CHECK(!t && err.code == DS_EDATA, "declared UTF-8");
    CHECK_STR(err.msg, "x.csv:2:4: invalid UTF-8 byte 0xE8 (the file was declared UTF-8)");
    o.encoding = TABLE_ENC_CP1252;
    const char *utf = "nom\nC\xC3\xB4te\n"; /* read as cp1252: Ã (C3) ´ (B4) */
    t = load_opts(utf, strlen(utf), &o, &err);
    CHECK(t, "%s", err.msg);
    if (t)
        CHECK_STR(table_text(t, 0, 0), "C\xC3\x83\xC2\xB4te");
    table_free(t);
}

TEST(test_table_valid_utf8_is_kept_byte_for_byte)
{
    ds_err err;
    /* U+0092 (C2 92) is a valid, if odd, character: rpps_tab3.csv has one. */
    table_t *t = load("nom\nd\xC2\x92" "Or\n\xF0\x9F\x98\x80\n", &err);
    CHECK(t, "%s", err.msg);
    if (t) {
        CHECK_STR(table_text(t, 0, 0), "d\xC2\x92Or");
        CHECK_STR(table_text(t, 1, 0), "\xF0\x9F\x98\x80");
    }
    table_free(t);
}

TEST(test_table_nul_byte_is_an_error)
{
    check_fails_n("a,b\n1,\0\n", 8, "x.csv:2:3: NUL byte in a text table (is it a binary or "
                  "UTF-16 file?)", __LINE__);
}

TEST(test_table_french_numbers_parse)
{
    static const struct {
        const char *text;
        double want;
    } cases[] = {
        {"12,5", 12.5},           {"12.5", 12.5},
        {"1 234,5", 1234.5},      {"1\xC2\xA0" "234", 1234},
        {"1\xE2\x80\xAF" "234 567", 1234567},
        {"12,5 %", 12.5},         {"12,5%", 12.5},
        {"+3", 3},                {"-2,5e3", -2500},
        {"1E-2", 0.01},           {"  7  ", 7},
        {"-0,75", -0.75},         {",5", 0.5},
        {"5.", 5},                {"01", 1},
        {"1 000 000", 1e6},       {"-1 234,5 %", -1234.5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -999;
        int ok = table_parse_number(cases[i].text, strlen(cases[i].text), &v);
        CHECK(ok && v == cases[i].want, "\"%s\": ok %d, %.17g, want %.17g", cases[i].text, ok,
              v, cases[i].want);
    }
}

TEST(test_table_nan_inf_and_malformed_are_not_numbers)
{
    static const char *const cases[] = {
        "nan", "NaN", "NAN", "inf", "-inf", "Inf", "infinity", "-Infinity", "12 5",
        "1234 567", "1.234,5", "1,2,3", "12abc", "0x10", "", "-", "+", ".", "e5", "1e",
        "1e+", "%", "1 2345", "12 %x", "--1", "1e999", "NA", "1 ,5"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -999;
        CHECK(!table_parse_number(cases[i], strlen(cases[i]), &v), "\"%s\" parsed as %g",
              cases[i], v);
    }
}

TEST(test_table_number_needs_no_terminating_nul)
{
    double v = 0;
    CHECK(table_parse_number("125", 2, &v) && v == 12, "read past len: %g", v);
}

TEST(test_table_missing_markers)
{
    static const char *const missing[] = {"", "NA", "na", "Na", "nd", "ND", "n.d.", "N.D.",
                                          "s", "-", " NA ", "  ", " - "};
    static const char *const present[] = {"0", "NaN", "S", "n.d", "nda", "--", "x", "A"};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
        CHECK(table_is_missing_text(missing[i], strlen(missing[i])), "\"%s\"", missing[i]);
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        CHECK(!table_is_missing_text(present[i], strlen(present[i])), "\"%s\"", present[i]);
}

TEST(test_table_missing_cells_are_counted_per_column)
{
    ds_err err;
    table_t *t = load("a;b;c\n1;NA;x\n2;nd;\n3;;s\n4;5;-\n5;n.d.;y\n", &err);
    CHECK(t, "%s", err.msg);
    if (!t)
        return;
    CHECK(table_col_missing(t, 0) == 0, "a %zu", table_col_missing(t, 0));
    CHECK(table_col_missing(t, 1) == 4, "b %zu", table_col_missing(t, 1));
    CHECK(table_col_missing(t, 2) == 3, "c %zu", table_col_missing(t, 2));
    CHECK(table_col_type(t, 1) == TABLE_NUMBER, "b is a number column");
    CHECK(table_col_type(t, 2) == TABLE_TEXT, "c is text");
    CHECK(table_is_missing(t, 0, 1) && !table_is_missing(t, 3, 1), "is_missing");
    CHECK(isnan(table_num(t, 0, 1)), "missing is NAN");
    CHECK_NEAR(table_num(t, 3, 1), 5, 0);
    CHECK_STR(table_text(t, 0, 1), "");
    table_free(t);
}

TEST(test_table_nan_or_inf_makes_a_column_text)
{
    ds_err err;
    table_t *t = load("x;y;z\n1;2;3\nnan;inf;Infinity\n", &err);
    CHECK(t, "%s", err.msg);
    if (!t)
        return;
    for (size_t j = 0; j < 3; j++) {
        CHECK(table_col_type(t, j) == TABLE_TEXT, "column %zu", j);
        CHECK(isnan(table_num(t, 1, j)), "column %zu", j);
        CHECK(table_col_missing(t, j) == 0, "not missing either");
    }
    CHECK_STR(table_text(t, 1, 1), "inf");
    table_free(t);
}

TEST(test_table_codes_keep_their_text)
{
    ds_err err;
    table_t *t = load("code,n\n01,1\n2A,2\n", &err);
    CHECK(t, "%s", err.msg);
    if (t) {
        CHECK(table_col_type(t, 0) == TABLE_TEXT, "2A makes it text");
        CHECK_STR(table_text(t, 0, 0), "01");
    }
    table_free(t);
    t = load("code\n01\n02\n", &err);
    CHECK(t, "%s", err.msg);
    if (t) {
        CHECK(table_col_type(t, 0) == TABLE_NUMBER, "all digits: a number column");
        CHECK_STR(table_text(t, 0, 0), "01");
        CHECK_NEAR(table_num(t, 1, 0), 2, 0);
    }
    table_free(t);
}

TEST(test_table_percent_and_thousands_in_a_file)
{
    ds_err err;
    table_t *t = load("dep;part;pop\n01;\"12,5 %\";\"652 432\"\n02;7 %;1\xC2\xA0" "000\n", &err);
    CHECK(t, "%s", err.msg);
    if (!t)
        return;
    CHECK(table_col_type(t, 1) == TABLE_NUMBER && table_col_type(t, 2) == TABLE_NUMBER,
          "types");
    CHECK_NEAR(table_num(t, 0, 1), 12.5, 0);
    CHECK_NEAR(table_num(t, 1, 1), 7, 0);
    CHECK_NEAR(table_num(t, 0, 2), 652432, 0);
    CHECK_NEAR(table_num(t, 1, 2), 1000, 0);
    CHECK_STR(table_text(t, 0, 1), "12,5 %");
    table_free(t);
}

TEST(test_table_quoted_fields_hold_delimiters_quotes_and_newlines)
{
    ds_err err;
    table_t *t = load("name,v\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"l1\nl2\",3\nlast,4\n", &err);
    CHECK(t && table_nrows(t) == 4, "%s", err.msg);
    if (!t)
        return;
    CHECK_STR(table_text(t, 0, 0), "a,b");
    CHECK_STR(table_text(t, 1, 0), "say \"hi\"");
    CHECK_STR(table_text(t, 2, 0), "l1\nl2");
    CHECK(table_row_line(t, 2) == 4 && table_row_line(t, 3) == 6, "lines %zu %zu",
          table_row_line(t, 2), table_row_line(t, 3));
    table_free(t);
}

TEST(test_table_quoted_newline_in_first_field_keeps_row_line)
{
    ds_err err;
    table_t *t = load("a;b\n\"x\n\ny\";1\n2;3\n", &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    if (t) {
        CHECK(table_row_line(t, 0) == 2 && table_row_line(t, 1) == 5, "lines %zu %zu",
              table_row_line(t, 0), table_row_line(t, 1));
        CHECK_STR(table_text(t, 0, 0), "x\n\ny");
    }
    table_free(t);
}

TEST(test_table_unterminated_quote_points_where_it_opened)
{
    CHECK_FAILS("a,b\n1,\"abc\n2,3\n",
                "x.csv:2:3: unterminated quoted field: this quote never closes");
    CHECK_FAILS("a,b\n1,2\n\"x\"\"y,3",
                "x.csv:3:1: unterminated quoted field: this quote never closes");
}

TEST(test_table_stray_quotes_are_errors)
{
    CHECK_FAILS("a\nab\"c\n", "x.csv:2:3: quote inside an unquoted field (quote the whole "
                              "field and double the quotes inside it)");
    CHECK_FAILS("a,b\n1,\"ab\"x\n", "x.csv:2:7: expected a delimiter or the end of the line "
                                    "after a closing quote");
}

TEST(test_table_ragged_rows_are_errors)
{
    CHECK_FAILS("a,b,c\n1,2,3\n1,2,3,4\n",
                "x.csv:3:7: expected 3 fields (as in the header), got 4");
    CHECK_FAILS("a,b,c\n1,2\n", "x.csv:2:4: expected 3 fields (as in the header), got 2");
    CHECK_FAILS("a,b\n1,2\n3", "x.csv:3:2: expected 2 fields (as in the header), got 1");
    CHECK_FAILS("a;b\n\"x;y\";2;\"z\"\n",
                "x.csv:2:9: expected 2 fields (as in the header), got 3: is line 2 the header, below title lines? --skip 1 drops them (skip = 1 in a study)");
}

TEST(test_table_duplicate_header_names_are_errors)
{
    CHECK_FAILS("id,x,id\n1,2,3\n",
                "x.csv:1:6: duplicate column name 'id' (columns 1 and 3)");
}

TEST(test_table_empty_header_name_is_an_error)
{
    CHECK_FAILS("a,,c\n1,2,3\n", "x.csv:1:3: empty column name (column 2)");
    CHECK_FAILS("# c\na;\"\"\n", "x.csv:2:3: empty column name (column 2)");
}

TEST(test_table_header_only_has_no_rows)
{
    ds_err err;
    table_t *t = load("a,b\n", &err);
    CHECK(t && table_nrows(t) == 0 && table_ncols(t) == 2, "%s", err.msg);
    if (t)
        CHECK(table_col_type(t, 0) == TABLE_NUMBER && table_col_missing(t, 0) == 0,
              "an empty column is a number column without missing cells");
    table_free(t);
    t = load("a,b", &err);
    CHECK(t && table_nrows(t) == 0 && table_ncols(t) == 2, "no newline: %s", err.msg);
    table_free(t);
}

TEST(test_table_empty_file_is_an_error)
{
    CHECK_FAILS("", "x.csv:1:1: empty file, expected a header line");
    CHECK_FAILS("\xEF\xBB\xBF", "x.csv:1:1: empty file, expected a header line");
    CHECK_FAILS("# only a comment\n\n",
                "x.csv:3:1: expected a header line, found only comment and blank lines");
}

TEST(test_table_missing_file_is_an_io_error)
{
    ds_err err;
    ds_err_clear(&err);
    table_t *t = (table_t *)&err;
    CHECK(table_load("/nonexistent-dir/x.csv", &t, &err) == DS_EIO, "code %d", err.code);
    CHECK(t == NULL, "out is NULL on failure");
    CHECK_STR(err.msg, "/nonexistent-dir/x.csv: cannot open: No such file or directory");
}

TEST(test_table_directory_is_an_io_error)
{
    ds_err err;
    ds_err_clear(&err);
    table_t *t;
    CHECK(table_load(t_tmpdir(), &t, &err) == DS_EIO, "code %d", err.code);
    CHECK(strstr(err.msg, "Is a directory") != NULL, "%s", err.msg);
}

TEST(test_table_load_reads_a_file)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/t.csv", t_tmpdir());
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL, "fopen");
    if (!fp)
        return;
    fputs("code;pop\n01;652 432\n", fp);
    fclose(fp);
    ds_err err;
    ds_err_clear(&err);
    table_t *t;
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    if (t)
        CHECK_NEAR(table_num(t, 0, 1), 652432, 0);
    if (t)
        CHECK_STR(table_name(t), path);
    table_free(t);
}

TEST(test_table_one_megabyte_field_loads)
{
    size_t big = 1 << 20;
    char *s = malloc(big + 16);
    memcpy(s, "a,b\n", 4);
    memset(s + 4, 'x', big);
    memcpy(s + 4 + big, ",1\n", 4);
    ds_err err;
    table_t *t = load(s, &err);
    CHECK(t, "%s", err.msg);
    if (t)
        CHECK(strlen(table_text(t, 0, 0)) == big, "length %zu", strlen(table_text(t, 0, 0)));
    table_free(t);
    free(s);
}

TEST(test_table_sixty_thousand_rows_load)
{
    /* Row i holds i and i/2 with a decimal comma: sum of i for i < 60000 is
     * 59999 * 60000 / 2 = 1799970000, and of i/2 half that. */
    size_t n = 60000;
    char *s = malloc(n * 32 + 32), *p = s;
    p += sprintf(p, "# generated\ni;half;name\n");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%zu;%zu,%d;\"n%zu\"\n", i, i / 2, i % 2 ? 5 : 0, i);
    ds_err err;
    table_t *t = load(s, &err);
    CHECK(t && table_nrows(t) == n, "%s", err.msg);
    if (t) {
        double sum = 0, half = 0;
        for (size_t i = 0; i < n; i++)
            sum += table_num(t, i, 0), half += table_num(t, i, 1);
        CHECK(sum == 1799970000.0, "sum %.17g", sum);
        CHECK(half == 899985000.0, "half %.17g", half);
        CHECK_STR(table_text(t, n - 1, 2), "n59999");
        CHECK(table_row_line(t, n - 1) == n + 2, "line %zu", table_row_line(t, n - 1));
    }
    table_free(t);
    free(s);
}

TEST(test_table_skip_footer_drops_notes_under_the_table)
{
    ds_err err;
    table_load_opts o = {.skip_footer = 2};
    const char *s = "a;b\n1;2\n3;4\nChamp : France.\n\"Sources : Drees ; Insee.\"\n\n";
    table_t *t = load_opts(s, strlen(s), &o, &err);
    CHECK(t && table_nrows(t) == 2, "%s", err.msg);
    table_free(t);
    o.skip_footer = 1; /* the "Champ" line is then a ragged row */
    t = load_opts(s, strlen(s), &o, &err);
    CHECK(!t, "one footer line left");
    CHECK_STR(err.msg, "x.csv:4:16: expected 2 fields (as in the header), got 1");
}

TEST(test_table_given_names_replace_the_header)
{
    ds_err err;
    const char *names[] = {"code", "nom", "n"};
    table_load_opts o = {.skip_lines = 1, .names = names, .nnames = 3};
    const char *s = "Titre\n# comment\n01;Ain;1223\n02;Aisne;1167\n";
    table_t *t = load_opts(s, strlen(s), &o, &err);
    CHECK(t && table_nrows(t) == 2 && table_ncols(t) == 3, "%s", err.msg);
    if (t) {
        CHECK_STR(table_col_name(t, 1), "nom");
        CHECK_STR(table_text(t, 0, 0), "01");
        CHECK_NEAR(table_num(t, 1, 2), 1167, 0);
        CHECK(table_row_line(t, 0) == 3, "line %zu", table_row_line(t, 0));
    }
    table_free(t);
    o.skip_lines = 0;
    s = "01;Ain\n";
    t = load_opts(s, strlen(s), &o, &err);
    CHECK(!t && err.code == DS_EDATA, "two fields for three names");
    CHECK_STR(err.msg, "x.csv:1:7: expected 3 fields (as in the header), got 2");
    t = load_opts("# nothing\n", 10, &o, &err);
    CHECK(t && table_nrows(t) == 0, "names and no data: %s", err.msg);
    table_free(t);
}

TEST(test_table_given_names_must_be_distinct_and_non_empty)
{
    ds_err err;
    const char *dup[] = {"a", "b", "a"};
    table_load_opts o = {.names = dup, .nnames = 3};
    table_t *t = load_opts("1,2,3\n", 6, &o, &err);
    CHECK(!t && err.code == DS_EUSAGE, "duplicate");
    CHECK_STR(err.msg, "x.csv: duplicate column name 'a' (columns 1 and 3)");
    const char *empty[] = {"a", ""};
    o.names = empty;
    o.nnames = 2;
    t = load_opts("1,2\n", 4, &o, &err);
    CHECK(!t && err.code == DS_EUSAGE, "empty");
    CHECK_STR(err.msg, "x.csv: column name 2 is empty");
}

TEST(test_table_duplicate_named_is_the_first_repeat_in_file_order)
{
    /* "b" repeats at column 4 and "a" at column 5: the first repeat is column 4. */
    CHECK_FAILS("a,b,c,b,a,b\n", "x.csv:1:7: duplicate column name 'b' (columns 2 and 4)");
}

TEST(test_table_wide_header_loads)
{
    /* 20,000 distinct names c0 … c19999 and one row of as many values. */
    size_t n = 20000;
    char *s = malloc(n * 16 + 16), *p = s;
    for (size_t j = 0; j < n; j++)
        p += sprintf(p, "%sc%zu", j ? "," : "", j);
    *p++ = '\n';
    for (size_t j = 0; j < n; j++)
        p += sprintf(p, "%s%zu", j ? "," : "", j);
    *p = '\0';
    ds_err err;
    table_t *t = load(s, &err);
    CHECK(t && table_ncols(t) == n && table_nrows(t) == 1, "%s", err.msg);
    if (t) {
        CHECK(table_col_index(t, "c19999") == 19999, "index");
        CHECK_NEAR(table_num(t, 0, 12345), 12345, 0);
    }
    table_free(t);
    free(s);
}
