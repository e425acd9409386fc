/* cmd_derive: `damirstat derive IN 'name = expr' …`, computed columns such as visits per
 * inhabitant or GPs per 100,000, added to a table before fit, corr or moran. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/expr.h"
#include "damirstat/out.h"
#include "damirstat/table.h"

struct options {
    const char *input, *output;
    char **defs;
    int ndefs, quiet;
    char delim;
    table_load_opts load;
};

enum { O_OUTPUT, O_OUTPUT_DELIMITER, O_DELIMITER, O_SKIP, O_QUIET };

static const cli_opt options[] = {
    CLI_OPT_OUTPUT(O_OUTPUT),
    {"output-delimiter", 0, "C", O_OUTPUT_DELIMITER, "output delimiter ',' (default), ';' or "
     "'tab'", NULL},
    {"delim", 0, "C", O_OUTPUT_DELIMITER, NULL, "--output-delimiter"},
    CLI_OPT_DELIMITER(O_DELIMITER),
    CLI_OPT_SKIP(O_SKIP),
    CLI_OPT_QUIET(O_QUIET),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    struct options *o = ctx;
    switch (id) {
    case O_OUTPUT: o->output = v; return DS_OK;
    case O_OUTPUT_DELIMITER:
        return cli_parse_delim("derive", "--output-delimiter", v, &o->delim, err);
    case O_DELIMITER: return cli_parse_delim("derive", "--delimiter", v, &o->load.delim, err);
    case O_SKIP: return cli_parse_lines("derive", "--skip", v, &o->load.skip_lines, err);
    case O_QUIET: o->quiet = 1; return DS_OK;
    default: return DS_OK;
    }
}

const cli_cmd cmd_derive_cli = {
    "derive",
    "add computed columns to a table",
    "IN 'NAME = EXPR' ... [-o FILE] [OPTIONS]",
    "Adds one column per definition, in order: a later expression may use the names\n"
    "defined before it. EXPR has numbers, column names (`backquoted` when they hold\n"
    "spaces or symbols), + - * / ^ (R precedence: -2^2 = -4, 2^3^2 = 512), parentheses\n"
    "and log (natural), log10, exp, sqrt, abs, min(a, b), max(a, b).\n"
    "A missing operand gives a missing value. Division by zero, log of a number <= 0,\n"
    "sqrt of a negative number or overflow give a missing value too, counted in a warning\n"
    "on stderr: the output never holds inf or nan. The output is comma-separated unless\n"
    "--output-delimiter says otherwise.",
    options,
    "damirstat derive joined.csv 'gp_per_100k = gp / pop * 1e5' \\\n"
    "    'visits_per_inhabitant = visits / pop' -o derived.csv",
    set_option,
    NULL,
};

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_derive_cli, argc, argv, o, &n, err);
    if (rc != DS_OK)
        return rc;
    if (n < 2)
        return ds_err_set(err, DS_EUSAGE,
                          "derive: expected a table and at least one 'NAME = EXPR' (see damirstat derive --help)");
    o->input = argv[1];
    o->defs = argv + 2;
    o->ndefs = n - 1;
    return DS_OK;
}

/* Splits "name = expr" into the trimmed name (copied into name) and the offset where the
 * expression starts; a definition without '=' or without a name is a usage error. */
static int split_definition(const char *def, char *name, size_t size, size_t *expr_start,
                            ds_err *err)
{
    const char *eq = strchr(def, '=');
    if (!eq)
        return ds_err_set(err, DS_EUSAGE, "derive: '%s': expected NAME = EXPR", def);
    const char *b = def, *e = eq;
    while (b < e && isspace((unsigned char)*b))
        b++;
    while (e > b && isspace((unsigned char)e[-1]))
        e--;
    if (b < e && *b == '`' && e[-1] == '`' && e - b >= 2) {
        b++;
        e--;
    } else {
        /* as in the expression itself, a name with spaces is written in backquotes */
        for (const char *p = b; p < e; p++)
            if (isspace((unsigned char)*p))
                return ds_err_set(err, DS_EUSAGE,
                                  "derive: '%s': a name with spaces goes in backquotes, e.g. "
                                  "`%.*s` = ...", def, (int)(e - b), b);
    }
    if (b == e || (size_t)(e - b) >= size)
        return ds_err_set(err, DS_EUSAGE, "derive: '%s': expected a column name before '='", def);
    memcpy(name, b, (size_t)(e - b));
    name[e - b] = '\0';
    *expr_start = (size_t)(eq + 1 - def);
    return DS_OK;
}

/* Evaluates one definition on every row of t and appends it as a column. */
static int derive_one(table_t *t, const char *def, int quiet, ds_err *err)
{
    char name[256];
    size_t start = 0;
    int rc = split_definition(def, name, sizeof name, &start, err);
    if (rc)
        return rc;
    if (table_col_index(t, name) >= 0)
        return ds_err_set(err, DS_EDATA, "derive: %s: column '%s' already exists", table_name(t), name);
    expr_t *e = NULL;
    ds_err perr;
    ds_err_clear(&perr);
    if ((rc = expr_parse_span(def, start, strlen(def), &e, &perr)))
        return ds_err_set(err, rc, "derive: %s", perr.msg);
    if ((rc = expr_bind(e, t, &perr))) {
        expr_free(e);
        return ds_err_set(err, rc, "derive: %s: %s", name, perr.msg);
    }
    size_t n = table_nrows(t), ndomain = 0;
    double *values = xmalloc((n ? n : 1) * sizeof *values);
    for (size_t row = 0; row < n; row++) {
        int dom = 0;
        values[row] = expr_eval(e, t, row, &dom);
        ndomain += dom != 0;
    }
    rc = table_add_number_column(t, name, values, n, err);
    if (rc == DS_OK && ndomain && !quiet)
        fprintf(stderr,
                "damirstat: derive: %s: %zu row%s missing (division by zero, log or sqrt out of "
                "domain, or overflow)\n",
                name, ndomain, ndomain > 1 ? "s" : "");
    free(values);
    expr_free(e);
    return rc;
}

int cmd_derive(int argc, char **argv, ds_err *err)
{
    struct options o = {.delim = ','};
    int rc = parse_options(argc, argv, &o, err);
    if (rc > 0)
        return cli_finish(&cmd_derive_cli, rc);
    if (rc != DS_OK)
        return rc;
    /* Every definition is read before any is computed, so that a typo in the last one
     * stops the command before the others print their warnings. */
    for (int i = 0; i < o.ndefs; i++) {
        char name[256];
        size_t start = 0;
        expr_t *e = NULL;
        ds_err perr;
        ds_err_clear(&perr);
        if ((rc = split_definition(o.defs[i], name, sizeof name, &start, err)))
            return rc;
        /* a syntax error on the command line is a usage error (2), as with --where */
        if (expr_parse_span(o.defs[i], start, strlen(o.defs[i]), &e, &perr))
            return ds_err_set(err, DS_EUSAGE, "derive: %s", perr.msg);
        expr_free(e);
    }
    table_t *t = NULL;
    out_t *out = NULL;
    if ((rc = table_load_with(o.input, &o.load, &t, err)))
        return rc;
    cli_table_notes("derive", t, o.quiet);
    for (int i = 0; i < o.ndefs && rc == DS_OK; i++)
        rc = derive_one(t, o.defs[i], o.quiet, err);
    if (rc == DS_OK && (rc = out_open(o.output, &out, err)) == DS_OK) {
        if ((rc = table_write(t, out_stream(out), o.delim, err)))
            out_fail(out, rc, err);
        else
            rc = out_commit(out, err);
    }
    table_free(t);
    return rc;
}
