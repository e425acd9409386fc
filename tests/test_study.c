/* Tests of the study format: every parse error names FILE:LINE, and well-formed files keep
 * their sections and keys in order. (The runs themselves are CLI tests: run_*.sh.) */
#include <stdlib.h>

#include "damirstat/study.h"
#include "t.h"

/* Parses text; returns the error code and leaves the message in err. */
static int parse(const char *text, ds_err *err)
{
    study_t *s = NULL;
    ds_err_clear(err);
    int rc = study_parse("t.study", text, strlen(text), NULL, &s, err);
    study_free(s);
    return rc;
}

static void expect_error(const char *text, const char *msg, int line)
{
    ds_err err;
    int rc = parse(text, &err);
    CHECK(rc == DS_EDATA, "line %d: rc %d for %s", line, rc, text);
    CHECK_STR(err.msg, msg);
}

TEST(test_study_parse_errors_name_file_and_line)
{
    expect_error("[fit]\nmodel = y ~ x\n", "t.study:1: [fit] needs a name: [fit NAME]",
                 __LINE__);
    expect_error("# c\n\n[inputz]\n", "t.study:3: unknown section [inputz]: did you mean "
                 "[inputs]? (expected study, inputs, aggregate, table, join, derive, fit, corr, "
                 "moran, standardize, robustness, screen, plot, output or report)", __LINE__);
    expect_error("[output]\ndir = a\ndir = b\n",
                 "t.study:3: 'dir' given twice in [output] (first at line 2)", __LINE__);
    expect_error("[output]\ndirr = a\n", "t.study:2: unknown key 'dirr' in [output]: did you "
                 "mean 'dir'? (accepted: dir)", __LINE__);
    expect_error("dir = a\n", "t.study:1: key before any [section]", __LINE__);
    expect_error("[output]\njust words\n", "t.study:2: expected 'key = value' or '[section]'",
                 __LINE__);
    expect_error("[output]\ndir =\n", "t.study:2: 'dir' has no value", __LINE__);
    expect_error("[output\n", "t.study:1: expected ']' at the end of the section line",
                 __LINE__);
    expect_error("[output x]\ndir = a\n", "t.study:1: [output] takes no name", __LINE__);
    expect_error("[table a]\nfrom = f\n[fit a]\nmodel = y ~ x\n",
                 "t.study:3: name 'a' already used at line 1", __LINE__);
    expect_error("[output]\ndir = a\n\n[fit m]\nterm = x\n",
                 "t.study:4: [fit m] needs 'model = …'", __LINE__);
    expect_error("[output]\n = a\n", "t.study:2: empty key before '='", __LINE__);
}

TEST(test_study_parse_accepts_comments_blank_lines_and_repeated_derive)
{
    ds_err err;
    int rc = parse("; top\n[study]\ntitle = T = 2\n\n[derive]\na = b + 1\n[derive]\n"
                   "c = log(a)\n[output]\n  dir   =  out  \n", &err);
    CHECK(rc == DS_OK, "%s", err.msg);
}

TEST(test_study_nul_byte_is_an_error)
{
    ds_err err;
    study_t *s = NULL;
    ds_err_clear(&err);
    int rc = study_parse("t.study", "[output]\0dir = x\n", 17, NULL, &s, &err);
    CHECK(rc == DS_EDATA, "rc %d", rc);
    CHECK_STR(err.msg, "t.study: NUL byte in the study file");
    study_free(s);
}

TEST(test_study_missing_file_is_io_error)
{
    ds_err err;
    study_t *s = NULL;
    ds_err_clear(&err);
    int rc = study_load("/nonexistent/x.study", &s, &err);
    CHECK(rc == DS_EIO, "rc %d", rc);
    CHECK_STR(err.msg, "/nonexistent/x.study: No such file or directory");
}
