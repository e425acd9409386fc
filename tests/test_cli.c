#include "damirstat/cli.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"

/* A small command: a flag (-q), a value with a letter (-o FILE), values without one, and an
 * old spelling. The set function records what it was handed. */
enum { D_QUIET, D_OUTPUT, D_FORMAT, D_FORCE, D_FORMULA, D_OLD };

struct seen {
    int quiet, force, old, calls;
    const char *output, *format, *formula;
};

static int demo_set(void *ctx, int id, const char *v, ds_err *err)
{
    struct seen *s = ctx;
    (void)err;
    s->calls++;
    switch (id) {
    case D_QUIET: s->quiet++; break;
    case D_OUTPUT: s->output = v; break;
    case D_FORMAT: s->format = v; break;
    case D_FORCE: s->force++; break;
    case D_FORMULA: s->formula = v; break;
    case D_OLD: s->old++; s->format = "json"; break;
    default: break;
    }
    return DS_OK;
}

static const cli_opt demo_opts[] = {
    {"quiet", 'q', NULL, D_QUIET, "say nothing", NULL},
    {"output", 'o', "FILE", D_OUTPUT, "write to FILE", NULL},
    {"format", 0, "F", D_FORMAT, "a long help that the printer must wrap before the eightieth "
     "column, indented under the first line of the help", NULL},
    {"force", 'f', NULL, D_FORCE, "do it", NULL},
    {"formula", 0, "F", D_FORMULA, "the model", NULL},
    {"json", 0, NULL, D_OLD, NULL, "--format json"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

static const cli_cmd demo = {"demo", "a command for the tests", "[OPTIONS] FILE...",
                             "About it.", demo_opts, "damirstat demo a b", demo_set, NULL};

/* Parses the words (a NULL-ended list after the command name) into *s; argv is kept in
 * words so that operands can be read back. */
static int parse(char **words, struct seen *s, int *n, ds_err *err)
{
    int argc = 0;
    while (words[argc])
        argc++;
    *s = (struct seen){0};
    ds_err_clear(err);
    return cli_parse(&demo, argc, words, s, n, err);
}

TEST(test_cli_parse_takes_a_value_in_every_form)
{
    char *forms[][4] = {{"demo", "--output", "x.csv", NULL}, {"demo", "--output=x.csv", NULL},
                        {"demo", "-o", "x.csv", NULL},       {"demo", "-ox.csv", NULL},
                        {"demo", "--out", "x.csv", NULL}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        struct seen s;
        ds_err err;
        int n = -1;
        CHECK(parse(forms[i], &s, &n, &err) == DS_OK, "form %zu: %s", i, err.msg);
        CHECK_STR(s.output, "x.csv");
        CHECK(n == 0 && s.calls == 1, "form %zu: %d operands, %d calls", i, n, s.calls);
    }
}

TEST(test_cli_parse_keeps_operands_in_order_with_dash_and_double_dash)
{
    char *argv[] = {"demo", "a.csv", "-q", "-", "b.csv", "--format", "-x", "--",
                    "--not-an-option", "-q", NULL};
    struct seen s;
    ds_err err;
    int n = 0;
    CHECK(parse(argv, &s, &n, &err) == DS_OK, "%s", err.msg);
    CHECK(n == 5, "%d operands", n);
    const char *want[] = {"a.csv", "-", "b.csv", "--not-an-option", "-q"};
    for (int i = 0; i < 5 && i < n; i++)
        CHECK_STR(argv[1 + i], want[i]);
    CHECK_STR(s.format, "-x"); /* a value may start with a dash, as with getopt */
    CHECK(s.quiet == 1, "-q after -- is an operand");
}

TEST(test_cli_parse_bundles_flags_and_a_last_value)
{
    char *argv[] = {"demo", "-qf", "-qo", "out.csv", "f.csv", NULL};
    struct seen s;
    ds_err err;
    int n = 0;
    CHECK(parse(argv, &s, &n, &err) == DS_OK, "%s", err.msg);
    CHECK(s.quiet == 2 && s.force == 1, "quiet %d force %d", s.quiet, s.force);
    CHECK_STR(s.output, "out.csv");
    CHECK(n == 1, "%d operands", n);
    CHECK_STR(argv[1], "f.csv");
}

TEST(test_cli_parse_names_the_typo_and_the_option_meant)
{
    struct seen s;
    ds_err err;
    int n;
    char *typo[] = {"demo", "--fromat", "csv", NULL};
    CHECK(parse(typo, &s, &n, &err) == DS_EUSAGE, "typo");
    CHECK_STR(err.msg, "demo: unknown option '--fromat': did you mean --format? "
                       "(see damirstat demo --help)");
    char *one_dash[] = {"demo", "-formula", "y ~ x", NULL};
    CHECK(parse(one_dash, &s, &n, &err) == DS_EUSAGE, "one dash");
    CHECK_STR(err.msg, "demo: unknown option '-formula': did you mean --formula? "
                       "(see damirstat demo --help)");
    char *far[] = {"demo", "--frobnicate=3", NULL};
    CHECK(parse(far, &s, &n, &err) == DS_EUSAGE, "far");
    CHECK_STR(err.msg, "demo: unknown option '--frobnicate' (see damirstat demo --help)");
    char *letter[] = {"demo", "-z", NULL};
    CHECK(parse(letter, &s, &n, &err) == DS_EUSAGE, "letter");
    CHECK_STR(err.msg, "demo: unknown option '-z' (see damirstat demo --help)");
    CHECK(s.calls == 0, "nothing set");
}

TEST(test_cli_parse_refuses_missing_and_extra_values_and_ambiguous_prefixes)
{
    struct seen s;
    ds_err err;
    int n;
    char *missing[] = {"demo", "f.csv", "--output", NULL};
    CHECK(parse(missing, &s, &n, &err) == DS_EUSAGE, "missing");
    CHECK_STR(err.msg, "demo: option '--output' needs a value: --output FILE");
    char *short_missing[] = {"demo", "-qo", NULL};
    CHECK(parse(short_missing, &s, &n, &err) == DS_EUSAGE, "short missing");
    CHECK_STR(err.msg, "demo: option '-o' needs a value: -o FILE");
    char *extra[] = {"demo", "--quiet=yes", NULL};
    CHECK(parse(extra, &s, &n, &err) == DS_EUSAGE, "extra");
    CHECK_STR(err.msg, "demo: option '--quiet' takes no value");
    char *ambiguous[] = {"demo", "--for", "x", NULL};
    CHECK(parse(ambiguous, &s, &n, &err) == DS_EUSAGE, "ambiguous");
    CHECK_STR(err.msg, "demo: option '--for' is ambiguous: --format, --force, --formula");
    char *exact[] = {"demo", "--force", NULL}; /* a full name is never ambiguous */
    CHECK(parse(exact, &s, &n, &err) == DS_OK && s.force == 1, "%s", err.msg);
}

TEST(test_cli_parse_help_version_and_old_spellings)
{
    struct seen s;
    ds_err err;
    int n;
    char *help[] = {"demo", "f.csv", "-h", "--frobnicate", NULL};
    CHECK(parse(help, &s, &n, &err) == CLI_HELP, "-h");
    char *help_long[] = {"demo", "--he", NULL};
    CHECK(parse(help_long, &s, &n, &err) == CLI_HELP, "--he");
    char *version[] = {"demo", "--version", NULL};
    CHECK(parse(version, &s, &n, &err) == CLI_VERSION, "--version");
    char *old[] = {"demo", "--json", "f.csv", NULL};
    /* the deprecation note goes to stderr (a CLI test checks its words): keep it
     * out of the runner's output */
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    int rc = parse(old, &s, &n, &err);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(null);
    CHECK(rc == DS_OK, "%s", err.msg);
    CHECK(s.old == 1 && n == 1, "old spelling set %d", s.old);
    /* an old spelling is reached by its full name only, and never suggested */
    char *prefix[] = {"demo", "--jso", NULL};
    CHECK(parse(prefix, &s, &n, &err) == DS_EUSAGE, "prefix of an old spelling");
    CHECK_STR(err.msg, "demo: unknown option '--jso' (see damirstat demo --help)");
}

TEST(test_cli_help_layout_is_stable)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cli_help(&demo, fp);
    fclose(fp);
    const char *want =
        "damirstat demo - a command for the tests\n"
        "\n"
        "Usage: damirstat demo [OPTIONS] FILE...\n"
        "\n"
        "About it.\n"
        "\n"
        "Options:\n"
        "  -q, --quiet           say nothing\n"
        "  -o, --output FILE     write to FILE\n"
        "      --format F        a long help that the printer must wrap before the\n"
        "                        eightieth column, indented under the first line of the\n"
        "                        help\n"
        "  -f, --force           do it\n"
        "      --formula F       the model\n"
        "  -h, --help            show this help and exit\n"
        "      --version         print the version and exit\n"
        "\n"
        "Examples:\n"
        "  damirstat demo a b\n";
    CHECK_STR(buf, want);
    free(buf);
}

TEST(test_cli_value_parsers_name_the_option)
{
    ds_err err;
    ds_err_clear(&err);
    char d = 0;
    CHECK(cli_parse_delim("join", "--output-delimiter", "tab", &d, &err) == DS_OK && d == '\t',
          "tab");
    CHECK(cli_parse_delim("join", "--output-delimiter", "|", &d, &err) == DS_EUSAGE, "pipe");
    CHECK_STR(err.msg, "join: --output-delimiter expects ',', ';' or 'tab', got '|'");
    const char *names[] = {"csv", "tsv", "json"};
    int i = -1;
    ds_err_clear(&err);
    CHECK(cli_parse_choice("merge", "--format", "tsv", names, 3, &i, &err) == DS_OK && i == 1,
          "tsv");
    CHECK(cli_parse_choice("merge", "--format", "xml", names, 3, &i, &err) == DS_EUSAGE, "xml");
    CHECK_STR(err.msg, "merge: --format expects csv, tsv or json, got 'xml'");
    size_t lines = 0;
    ds_err_clear(&err);
    CHECK(cli_parse_lines("fit", "--skip", "3", &lines, &err) == DS_OK && lines == 3, "3");
    CHECK(cli_parse_lines("fit", "--skip", "-1", &lines, &err) == DS_EUSAGE, "-1");
    CHECK_STR(err.msg, "fit: --skip expects a number of lines, got '-1'");
}

/* Two outputs of one command that name one file: the same text, the same file reached
 * through another folder spelling, two hard links; stdout and a missing name never clash. */
TEST(test_cli_same_file_sees_one_file_under_two_names)
{
    char a[8192], b[8192], sub[4096], up[8192], link_path[8192];
    snprintf(sub, sizeof sub, "%s/same-file", t_tmpdir());
    mkdir(sub, 0700);
    snprintf(a, sizeof a, "%s/out.csv", sub);
    snprintf(b, sizeof b, "%s/./out.csv", sub);
    snprintf(up, sizeof up, "%s/../same-file/out.csv", sub);
    CHECK(cli_same_file(a, a), "same text");
    CHECK(cli_same_file(a, b), "./ before a file that does not exist yet");
    CHECK(cli_same_file(a, up), "../same-file/ before a file that does not exist yet");
    int fd = open(a, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0, "create %s", a);
    if (fd >= 0)
        close(fd);
    snprintf(link_path, sizeof link_path, "%s/link.csv", sub);
    CHECK(link(a, link_path) == 0, "link");
    CHECK(cli_same_file(a, link_path), "two hard links to one file");
    snprintf(b, sizeof b, "%s/other.csv", sub);
    CHECK(!cli_same_file(a, b), "another name");
    CHECK(!cli_same_file(a, NULL) && !cli_same_file("-", "-"), "stdout and none never clash");
    unlink(link_path);
    unlink(a);
    rmdir(sub);
}
