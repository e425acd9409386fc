/* cmd_derive: `damirstat derive IN 'name = expr' …`, computed columns such as visits per
 * inhabitant or GPs per 100,000, added to a table before fit, corr or moran. */
#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "damirstat/cmd.h"
#include "damirstat/expr.h"
#include "damirstat/out.h"
#include "damirstat/table.h"

static const char usage_text[] =
    "Usage: damirstat derive IN 'NAME = EXPR' ... [-o OUT] [--delim C]\n"
    "\n"
    "Adds one column per definition, in order: a later expression may use the names\n"
    "defined before it. EXPR has numbers, column names (`backquoted` when they hold\n"
    "spaces or symbols), + - * / ^ (R precedence: -2^2 = -4, 2^3^2 = 512), parentheses\n"
    "and log (natural), log10, exp, sqrt, abs, min(a, b), max(a, b).\n"
    "A missing operand gives a missing value. Division by zero, log of a number <= 0,\n"
    "sqrt of a negative number or overflow give a missing value too, counted in a warning\n"
    "on stderr: the output never holds inf or nan.\n"
    "\n"
    "Options:\n"
    "  -o OUT      write to OUT (atomically) instead of stdout\n"
    "  --delim C   output delimiter ',' (default), ';' or 'tab'\n"
    "\n"
    "Example:\n"
    "  damirstat derive joined.csv 'gp_per_100k = gp / pop * 1e5' \\\n"
    "      'visits_per_inhabitant = visits / pop' -o derived.csv\n";

struct options {
    const char *input, *output;
    char **defs;
    int ndefs;
    char delim;
};

/* Returns DS_OK, a usage error, or 1 when --help was printed. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    static const struct option longopts[] = {{"delim", required_argument, NULL, 'd'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c, rc = DS_OK;
    opterr = 0;
    optind = 1;
    while (rc == DS_OK && (c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return 1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option("derive", argv[optind - 1], c == ':', err);
        if (c == 'o')
            o->output = optarg;
        else if (c == 'd')
            rc = cli_parse_delim("derive", optarg, &o->delim, err);
    }
    if (rc != DS_OK)
        return rc;
    if (argc - optind < 2)
        return ds_err_set(err, DS_EUSAGE,
                          "derive: expected a table and at least one 'NAME = EXPR' (see damirstat derive --help)");
    o->input = argv[optind];
    o->defs = argv + optind + 1;
    o->ndefs = argc - optind - 1;
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
static int derive_one(table_t *t, const char *def, ds_err *err)
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
    if (rc == DS_OK && ndomain)
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
    if (rc != DS_OK)
        return rc == 1 ? DS_OK : rc;
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
    if ((rc = table_load(o.input, &t, err)))
        return rc;
    for (int i = 0; i < o.ndefs && rc == DS_OK; i++)
        rc = derive_one(t, o.defs[i], err);
    if (rc == DS_OK && (rc = out_open(o.output, &out, err)) == DS_OK) {
        if ((rc = table_write(t, out_stream(out), o.delim, err)))
            out_fail(out, rc, err);
        else
            rc = out_commit(out, err);
    }
    table_free(t);
    return rc;
}
