/* cli: the table-driven option parser of every command (see cli.h), its usage errors with
 * "did you mean" (suggest.h), and the value parsers the commands share. Written by hand
 * rather than on getopt_long: getopt cannot say "did you mean", leaves -h and --version to
 * each command, and its global state (optind, optarg) leaked into every command and the MPI
 * binary. */
#include "damirstat/cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_impl.h"
#include "damirstat/fs.h"
#include "damirstat/out.h"
#include "damirstat/suggest.h"

const cli_opt cli_builtin_opts[] = {
    {"help", 'h', NULL, CLI_ID_HELP, "show this help and exit", NULL},
    {"version", 0, NULL, CLI_ID_VERSION, "print the version and exit", NULL},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* The i-th option of the command's table followed by the built-ins; NULL past the end. */
const cli_opt *cli_opt_at(const cli_cmd *cmd, size_t i)
{
    size_t n = 0;
    while (cmd->opts && cmd->opts[n].name)
        n++;
    if (i < n)
        return &cmd->opts[i];
    i -= n;
    return i < sizeof cli_builtin_opts / sizeof cli_builtin_opts[0] - 1 ? &cli_builtin_opts[i]
                                                                          : NULL;
}

enum { MAX_NAMES = 128 };

/* The long names a user may be pointed to (old spellings are not suggested). */
static size_t current_names(const cli_cmd *cmd, const char **names)
{
    size_t n = 0;
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)) && n < MAX_NAMES; i++)
        if (!o->instead)
            names[n++] = o->name;
    return n;
}

/* The current long name closest to typed[0..len), when typed looks like a typo of it. */
static const char *near_name(const cli_cmd *cmd, const char *typed, size_t len)
{
    const char *names[MAX_NAMES];
    char buf[64];
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, typed, len);
    buf[len] = '\0';
    return suggest_near(buf, names, current_names(cmd, names));
}

/* "unknown option" as typed (shown), with the option meant when there is one. */
static int unknown_option(const cli_cmd *cmd, const char *shown, const char *near, ds_err *err)
{
    if (near)
        return ds_err_set(err, DS_EUSAGE, "%s: unknown option '%s': did you mean --%s? (see "
                          "damirstat %s --help)", cmd->name, shown, near, cmd->name);
    return ds_err_set(err, DS_EUSAGE, "%s: unknown option '%s' (see damirstat %s --help)",
                      cmd->name, shown, cmd->name);
}

static int ambiguous_option(const cli_cmd *cmd, const char *name, size_t len, ds_err *err)
{
    char list[400] = "";
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
        if (!o->instead && strncmp(o->name, name, len) == 0 && strlen(list) + 40 < sizeof list)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s--%s",
                     *list ? ", " : "", o->name);
    return ds_err_set(err, DS_EUSAGE, "%s: option '--%.*s' is ambiguous: %s", cmd->name,
                      (int)len, name, list);
}

/* The option named by name[0..len): an exact name (old spellings included), else the one
 * current option it is a prefix of, as getopt_long allows. */
static int find_long(const cli_cmd *cmd, const char *name, size_t len, const cli_opt **found,
                     ds_err *err)
{
    const cli_opt *o, *prefix = NULL;
    int ambiguous = 0;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
        if (strlen(o->name) == len && memcmp(o->name, name, len) == 0) {
            *found = o;
            return DS_OK;
        }
        if (o->instead || len == 0 || strncmp(o->name, name, len) != 0)
            continue;
        /* two entries of one option (same id, same kind) are not a choice */
        if (prefix && (prefix->id != o->id || !prefix->arg != !o->arg))
            ambiguous = 1;
        if (!prefix)
            prefix = o;
    }
    if (prefix && !ambiguous) {
        *found = prefix;
        return DS_OK;
    }
    char shown[80];
    snprintf(shown, sizeof shown, "--%.*s", (int)len, name);
    return prefix ? ambiguous_option(cmd, name, len, err)
                  : unknown_option(cmd, shown, near_name(cmd, name, len), err);
}

static const cli_opt *find_short(const cli_cmd *cmd, char letter)
{
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
        if (o->letter == letter)
            return o;
    return NULL;
}

static int missing_value(const cli_cmd *cmd, const char *shown, const cli_opt *o, ds_err *err)
{
    return ds_err_set(err, DS_EUSAGE, "%s: option '%s' needs a value: %s %s", cmd->name, shown,
                      shown, o->arg);
}

/* Hands one parsed option to the command; shown is the option as written (--name, -x). */
static int apply(const cli_cmd *cmd, const cli_opt *o, const char *shown, const char *value,
                 void *ctx, ds_err *err)
{
    if (o->id == CLI_ID_HELP)
        return CLI_HELP;
    if (o->id == CLI_ID_VERSION)
        return CLI_VERSION;
    if (o->instead)
        fprintf(stderr, "damirstat: %s: %s is deprecated; use %s\n", cmd->name, shown,
                o->instead);
    return cmd->set(ctx, o->id, value, err);
}

/* argv[*i] is "--name", "--name=value" or a prefix of a name; a value may be argv[*i + 1]. */
static int long_option(const cli_cmd *cmd, int argc, char **argv, int *i, void *ctx,
                       ds_err *err)
{
    const char *a = argv[*i] + 2, *eq = strchr(a, '=');
    size_t len = eq ? (size_t)(eq - a) : strlen(a);
    const cli_opt *o = NULL;
    int rc = find_long(cmd, a, len, &o, err);
    if (rc)
        return rc;
    char shown[80];
    snprintf(shown, sizeof shown, "--%s", o->name);
    if (!o->arg && eq)
        return ds_err_set(err, DS_EUSAGE, "%s: option '%s' takes no value", cmd->name, shown);
    const char *value = NULL;
    if (o->arg && eq)
        value = eq + 1;
    else if (o->arg && *i + 1 < argc)
        value = argv[++*i];
    else if (o->arg)
        return missing_value(cmd, shown, o, err);
    return apply(cmd, o, shown, value, ctx, err);
}

/* An unknown letter; "-modl" (one dash, as R and find write options) is pointed to --model. */
static int unknown_short(const cli_cmd *cmd, const char *word, const char *at, ds_err *err)
{
    char shown[3] = {'-', *at, '\0'};
    const char *near = at == word + 1 && word[2] ? near_name(cmd, word + 1, strlen(word + 1))
                                                 : NULL;
    return near ? unknown_option(cmd, word, near, err) : unknown_option(cmd, shown, NULL, err);
}

/* argv[*i] is "-x", "-xVALUE", "-x VALUE" or bundled flags ("-qh", "-qo FILE"). A long name
 * after one dash ("-output") is refused rather than read as -o "utput". */
static int short_options(const cli_cmd *cmd, int argc, char **argv, int *i, void *ctx,
                         ds_err *err)
{
    const char *word = argv[*i];
    const cli_opt *named;
    for (size_t k = 0; word[2] && (named = cli_opt_at(cmd, k)); k++)
        if (!named->instead && strcmp(word + 1, named->name) == 0)
            return unknown_option(cmd, word, named->name, err);
    for (const char *p = word + 1; *p; p++) {
        const cli_opt *o = find_short(cmd, *p);
        char shown[3] = {'-', *p, '\0'};
        if (!o)
            return unknown_short(cmd, word, p, err);
        if (!o->arg) {
            int rc = apply(cmd, o, shown, NULL, ctx, err);
            if (rc)
                return rc;
            continue;
        }
        if (p[1])
            return apply(cmd, o, shown, p + 1, ctx, err);
        if (*i + 1 >= argc)
            return missing_value(cmd, shown, o, err);
        return apply(cmd, o, shown, argv[++*i], ctx, err);
    }
    return DS_OK;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, void *ctx, int *nargs, ds_err *err)
{
    int n = 0, operands_only = 0;
    *nargs = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (operands_only || a[0] != '-' || a[1] == '\0') {
            argv[1 + n++] = a; /* never ahead of i: operands keep their order */
            continue;
        }
        if (strcmp(a, "--") == 0) {
            operands_only = 1;
            continue;
        }
        int rc = a[1] == '-' ? long_option(cmd, argc, argv, &i, ctx, err)
                             : short_options(cmd, argc, argv, &i, ctx, err);
        if (rc)
            return rc;
    }
    *nargs = n;
    return DS_OK;
}

int cli_parse_delim(const char *cmd, const char *option, const char *s, char *delim,
                    ds_err *err)
{
    if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "\t") == 0)
        *delim = s[0];
    else if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        *delim = '\t';
    else
        return ds_err_set(err, DS_EUSAGE, "%s: %s expects ',', ';' or 'tab', got '%s'", cmd,
                          option, s);
    return DS_OK;
}

int cli_parse_count(const char *cmd, const char *option, const char *s, unsigned long long *v,
                    ds_err *err)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || s[0] == '+' || errno == ERANGE)
        return ds_err_set(err, DS_EUSAGE, "%s: %s expects a whole number, got '%s'", cmd, option, s);
    *v = x;
    return DS_OK;
}

int cli_parse_top(const char *cmd, const char *s, unsigned long long *v, ds_err *err)
{
    int rc = cli_parse_count(cmd, "--top", s, v, err);
    if (rc == DS_OK && *v == 0) /* SQL's LIMIT 0 prints nothing: refused, not read as "all" */
        rc = ds_err_set(err, DS_EUSAGE, "%s: --top expects a whole number from 1 (without "
                        "--top, every group is printed), got '%s'", cmd, s);
    return rc;
}

int cli_parse_lines(const char *cmd, const char *option, const char *s, size_t *v, ds_err *err)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || s[0] == '+' || errno == ERANGE || x > SIZE_MAX)
        return ds_err_set(err, DS_EUSAGE, "%s: %s expects a number of lines, got '%s'", cmd,
                          option, s);
    *v = (size_t)x;
    return DS_OK;
}

int cli_parse_choice(const char *cmd, const char *option, const char *s,
                     const char *const *names, int n, int *index, ds_err *err)
{
    char list[300] = "";
    for (int i = 0; i < n; i++) {
        if (strcmp(s, names[i]) == 0) {
            *index = i;
            return DS_OK;
        }
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 names[i]);
    }
    return ds_err_set(err, DS_EUSAGE, "%s: %s expects %s, got '%s'", cmd, option, list, s);
}

void cli_table_notes(const char *cmd, const table_t *t, int quiet)
{
    for (size_t i = 0; t && !quiet && i < table_nnotes(t); i++)
        fprintf(stderr, "damirstat: %s: warning: %s\n", cmd, table_note(t, i));
}

/* path with its folder resolved ("./a/../b.csv" -> "/work/b.csv"), or NULL when the folder
 * does not exist; the caller frees. */
static char *resolved(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
    char *real = realpath(dir, NULL), *out = NULL;
    free(dir);
    if (real) {
        const char *base = slash ? slash + 1 : path;
        out = xmalloc(strlen(real) + strlen(base) + 2);
        sprintf(out, "%s/%s", real, base);
        free(real);
    }
    return out;
}

int cli_same_file(const char *a, const char *b)
{
    if (!a || !b || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    if (strcmp(a, b) == 0)
        return 1;
    if (fs_exists(a) && fs_exists(b))
        return fs_same_node(a, b);
    char *ra = resolved(a), *rb = resolved(b);
    int same = ra && rb && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

int cli_write_output(const char *path, cli_writer fn, const void *arg, ds_err *err)
{
    out_t *out;
    int rc = out_open(path, &out, err);
    if (rc)
        return rc;
    if ((rc = fn(out_stream(out), arg, err)) != DS_OK)
        return out_fail(out, rc, err);
    return out_commit(out, err);
}
