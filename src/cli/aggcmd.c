/* aggcmd: options and output of `aggregate`, for the plain and the MPI commands. */
#include "damirstat/aggcmd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/cli.h"
#include "damirstat/measure.h"
#include "damirstat/out.h"
#include "damirstat/suggest.h"
#include "damirstat/partial.h"
#include "damirstat/suggest.h"

static const char about[] =
    "Streams Open DAMIR monthly files (';'-separated, header line, plain or gzip, '-' for\n"
    "stdin) into exact per-group sums and counts, sorted by group. Amounts are summed in\n"
    "integer cents; the output is the same bytes for any -j and any file order.";

enum { O_BY, O_WHERE, O_SUM, O_MEAN, O_MIN, O_MAX, O_COUNT_IF, O_MEASURE, O_COUNT, O_HAVING,
       O_ORDER, O_TOP, O_FORMAT, O_OUTPUT, O_PARTIAL, O_SKIP_BAD, O_THREADS, O_PROGRESS,
       O_QUIET };

static const cli_opt options[] = {
    {"by", 0, "COL[,COL...]", O_BY, "group by these code columns (none: one total row)", NULL},
    {"where", 0, "EXPR", O_WHERE, "keep rows matching EXPR: and, or, not, ( ), = != < <= > "
     ">=, COL in (v,...), COL between a and b, COL is [not] missing; numbers or 'strings'. "
     "An empty field compared with a number is missing, as SQL's NULL: A < 3 and not A < 3 "
     "both drop it", NULL},
    {"sum", 0, "EXPR[,EXPR...]", O_SUM, "exact decimal sums (hundredths), printed as sum_EXPR; "
     "EXPR is a column or exact arithmetic of columns: + and - of columns and numbers, whole "
     "multiples ('PRS_PAI_MNT - PRS_REM_MNT', '2*A + B'); 'EXPR as NAME' prints it as NAME; "
     "repeat the option for more. An empty field adds 0 to a column's sum (the total SQL's "
     "SUM gives); an expression skips a row with an empty column in it (A - B with A empty "
     "adds nothing, as SQL); a group with no value sums to 0 (SQL: empty)", NULL},
    {"mean", 0, "EXPR[,EXPR...]", O_MEAN, "mean of the group's known values, 6 decimals, "
     "printed as mean_EXPR: an empty field (any column of an expression) is missing and left "
     "out, as SQL's AVG and R's mean(x, na.rm = TRUE); no known value prints an empty cell "
     "(JSON null)", NULL},
    {"min", 0, "EXPR[,EXPR...]", O_MIN, "smallest known value in the group, printed as "
     "min_EXPR (empty fields left out, as --mean)", NULL},
    {"max", 0, "EXPR[,EXPR...]", O_MAX, "largest known value in the group, printed as "
     "max_EXPR (empty fields left out, as --mean)", NULL},
    {"count-if", 0, "COND", O_COUNT_IF, "rows of the group where COND holds (the --where "
     "language, empty fields too), printed as count_if_N or 'COND as NAME'; one condition an "
     "option", NULL},
    {"measure", 0, "NAME", O_MEASURE, "a named measure (its rows and columns, defined once): "
     "gp-visits, gp-spending, ...; 'list' prints them with their definitions", NULL},
    {"count", 0, NULL, O_COUNT, "print the number of rows of each group (the default when no "
     "measure is given)", NULL},
    {"having", 0, "EXPR", O_HAVING, "print only the groups where EXPR holds, over the printed "
     "columns ('count >= 100 and mean_PRS_PAI_MNT > 20'; the --where language: an empty "
     "mean, min or max is missing, as an empty field in --where)", NULL},
    {"order", 0, "COL[ asc|desc]", O_ORDER, "print the groups ordered by a printed column, "
     "largest first unless 'asc' (ties in key order; empty cells last either way, as "
     "DuckDB); default: key order", NULL},
    {"top", 0, "N", O_TOP, "print only the first N groups (after --having, in --order)", NULL},
    {"format", 0, "csv|tsv|json", O_FORMAT, "output format (default csv)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {"partial", 0, "FILE", O_PARTIAL, "write a partial aggregate for `damirstat merge` (no "
     "table is printed unless -o is given too)", NULL},
    {"skip-bad", 0, NULL, O_SKIP_BAD, "skip rows with a wrong field count or a bad number, and "
     "say how many on stderr (even with -q) and in JSON instead of failing", NULL},
    {"threads", 'j', "N", O_THREADS, "working threads, gzip decompression included: -j1 is "
     "one core, and a gzip file gets a decompression thread of its own only when N leaves one "
     "spare (default: all cores); the output is the same for any N", NULL},
    {"progress", 0, NULL, O_PROGRESS, "show the progress report on stderr even when it is not "
     "a terminal (default: only on a terminal)", NULL},
    CLI_OPT_QUIET(O_QUIET),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int parse_threads(const char *s, int *threads, ds_err *err)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 1 || n > 1024)
        return ds_err_set(err, DS_EUSAGE, "aggregate: -j: expected a number of threads from 1 to 1024, got '%s'", s);
    *threads = (int)n;
    return DS_OK;
}

/* Appends a measure; lists of expressions are split at commas (a --count-if condition is
 * not: `in (…)` holds commas). */
static void add_measures(aggcmd_opts *o, query_kind kind, const char *v)
{
    for (const char *p = v;;) {
        size_t len = kind == QUERY_COUNT_IF ? strlen(p) : strcspn(p, ",");
        o->owned = xrealloc(o->owned, (o->nowned + 1) * sizeof *o->owned);
        o->owned[o->nowned] = xstrndup(p, len);
        o->measures = xrealloc(o->measures, (o->nmeasures + 1) * sizeof *o->measures);
        o->measures[o->nmeasures++] = (query_measure){kind, o->owned[o->nowned++]};
        if (p[len] != ',')
            return;
        p += len + 1;
    }
}

/* A condition or measure given twice is refused: the last one winning would drop the
 * first unsaid (--where twice is not an `and`, two measures are not both printed). */
static int set_once(const char **slot, const char *v, const char *option, const char *hint,
                    ds_err *err)
{
    if (*slot)
        return ds_err_set(err, DS_EUSAGE, "aggregate: %s given twice ('%s', '%s'): %s", option,
                          *slot, v, hint);
    *slot = v;
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"csv", "tsv", "json"};
    static const agg_format format_values[] = {AGG_CSV, AGG_TSV, AGG_JSON};
    aggcmd_opts *o = ctx;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_BY: o->by = v; break;
    case O_WHERE:
        rc = set_once(&o->where, v, "--where", "join the conditions with 'and'", err);
        break;
    case O_SUM: add_measures(o, QUERY_SUM, v); break;
    case O_MEAN: add_measures(o, QUERY_MEAN, v); break;
    case O_MIN: add_measures(o, QUERY_MIN, v); break;
    case O_MAX: add_measures(o, QUERY_MAX, v); break;
    case O_COUNT_IF: add_measures(o, QUERY_COUNT_IF, v); break;
    case O_MEASURE:
        o->list_measures |= strcmp(v, "list") == 0;
        if (strcmp(v, "list") != 0)
            rc = set_once(&o->measure, v, "--measure", "one measure a query (each has its "
                          "rows); run a query for each", err);
        break;
    case O_COUNT: o->count = 1; break;
    case O_HAVING:
        rc = set_once(&o->having, v, "--having", "join the conditions with 'and'", err);
        break;
    case O_ORDER: o->order = v; break;
    case O_TOP: rc = cli_parse_top("aggregate", v, &o->top, err); break;
    case O_FORMAT:
        rc = cli_parse_choice("aggregate", "--format", v, formats, 3, &i, err);
        o->format = format_values[i];
        break;
    case O_OUTPUT: o->output = v; break;
    case O_PARTIAL: o->partial = v; break;
    case O_SKIP_BAD: o->skip_bad = 1; break;
    case O_THREADS: rc = parse_threads(v, &o->threads, err); break;
    case O_PROGRESS: o->progress = 1; break;
    case O_QUIET: o->progress = 0; break;
    default: break;
    }
    return rc;
}

const cli_cmd aggcmd_cli = {
    "aggregate",
    "stream Open DAMIR files into exact per-group sums and counts",
    "[OPTIONS] FILE...",
    about,
    options,
    "# GP visits by region in 2024 (damirstat aggregate --measure list: its definition)\n"
    "damirstat aggregate A2024*.csv.gz --by BEN_RES_REG --measure gp-visits \\\n"
    "  --where 'SOI_ANN = 2024' --count -o visits.csv\n"
    "# out-of-pocket cost by region: total, mean per row, largest; regions over 1 M rows\n"
    "damirstat aggregate A202401.csv.gz --by BEN_RES_REG \\\n"
    "  --sum 'PRS_PAI_MNT - PRS_REM_MNT as oop' --mean PRS_PAI_MNT --max PRS_PAI_MNT \\\n"
    "  --count --having 'count > 1000000' --order oop\n"
    "# the 10 department x nature pairs with the most acts\n"
    "damirstat aggregate A202401.csv.gz --by BEN_RES_DPT,PRS_NAT --sum PRS_ACT_QTE \\\n"
    "  --top 10 --order sum_PRS_ACT_QTE\n"
    "# one month from a pipe, two threads\n"
    "zcat A202401.csv.gz | damirstat aggregate - --by BEN_RES_REG --count -j 2",
    set_option,
    NULL,
};

int aggcmd_parse(int argc, char **argv, aggcmd_opts *o, ds_err *err)
{
    *o = (aggcmd_opts){.progress = isatty(STDERR_FILENO)};
    int n = 0;
    int rc = cli_parse(&aggcmd_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    if (o->list_measures)
        return AGGCMD_LIST;
    if (n == 0)
        return ds_err_set(err, DS_EUSAGE, "aggregate: no input file (use '-' for stdin; see --help)");
    if (cli_same_file(o->partial, o->output))
        return ds_err_set(err, DS_EUSAGE, "aggregate: --partial %s and -o %s name one file: "
                          "the table would replace the partial; give two names", o->partial,
                          o->output);
    o->files = argv + 1;
    o->nfiles = (size_t)n;
    return DS_OK;
}

void aggcmd_free(aggcmd_opts *o)
{
    for (size_t i = 0; i < o->nowned; i++)
        free(o->owned[i]);
    free(o->owned);
    free(o->measures);
    o->owned = NULL;
    o->measures = NULL;
    o->nowned = o->nmeasures = 0;
}

void aggcmd_list_measures(FILE *fp)
{
    for (size_t i = 0; i < measure_count(); i++) {
        const measure *m = measure_get(i);
        fprintf(fp, "%s\n  %s\n  --where '%s'\n  --sum '%s'\n  source: %s\n", m->name, m->what,
                m->where ? m->where : "(every row)", m->sums, m->cite);
    }
}

/* The table as --format says, through the --having/--order/--top view. */
static int put_table(const aggcmd_opts *o, const query_t *q, const job_result *res, FILE *fp,
                     ds_err *err)
{
    agg_view *view;
    int rc = query_view_new(q, o->having, o->order, o->top, &view, err);
    if (rc)
        return rc;
    agg_meta meta;
    query_meta(q, res->rows_read, res->rows_skipped, &meta);
    meta.view = view;
    rc = agg_write(res->agg, fp, o->format, &meta, err); /* DS_EDATA: a --having error */
    query_view_free(view);
    if (rc == DS_EIO) {
        ds_err_clear(err);
        rc = ds_err_set(err, DS_EIO, "%s: write error", o->output ? o->output : "stdout");
    }
    return rc;
}

/* The partial, with the record of the inputs it covers. */
static int put_partial(const aggcmd_opts *o, const query_t *q, const job_result *res, FILE *fp,
                       ds_err *err)
{
    partial_input *inputs = xcalloc(res->ninputs + 1, sizeof *inputs);
    for (size_t i = 0; i < res->ninputs; i++)
        inputs[i] = (partial_input){(char *)(uintptr_t)res->inputs[i].name, res->inputs[i].size,
                                    res->inputs[i].crc, res->inputs[i].rows};
    partial p = {(char *)(uintptr_t)query_canonical(q), (char **)(uintptr_t)query_by(q),
                 (char **)(uintptr_t)query_sums(q), query_nby(q), query_nsums(q), query_count(q),
                 res->rows_read, res->rows_skipped, res->agg, (query_t *)(uintptr_t)q,
                 inputs, res->ninputs, 1};
    int rc = partial_write(fp, &p, NULL);
    free(inputs);
    return rc ? ds_err_set(err, DS_EIO, "%s: write error", o->partial) : DS_OK;
}

/* --measure NAME: its rows joined to --where, its sums before the other measures. */
static int expand_measure(const aggcmd_opts *o, query_spec *spec, char **where,
                          aggcmd_opts *extra, ds_err *err)
{
    char hint[600];
    const measure *m = measure_find_hint(o->measure, hint, sizeof hint);
    if (!m)
        return ds_err_set(err, DS_EUSAGE, "aggregate: --measure: no measure '%s'%s; --measure "
                          "list prints their definitions", o->measure, hint);
    *where = measure_where(m, o->where);
    spec->where = *where;
    add_measures(extra, QUERY_SUM, m->sums);
    for (size_t i = 0; i < o->nmeasures; i++)
        add_measures(extra, o->measures[i].kind, o->measures[i].text);
    spec->measures = extra->measures;
    spec->nmeasures = extra->nmeasures;
    return DS_OK;
}

int aggcmd_query(const aggcmd_opts *o, query_t **q, ds_err *err)
{
    query_spec spec = {o->by, o->where, o->count, o->measures, o->nmeasures};
    aggcmd_opts extra = {0};
    char *where = NULL;
    int rc = o->measure ? expand_measure(o, &spec, &where, &extra, err) : DS_OK;
    if (rc == DS_OK)
        rc = query_new_spec(&spec, q, err);
    aggcmd_free(&extra);
    free(where);
    agg_view *view; /* --having and --order name printed columns: checked before the scan */
    if (rc == DS_OK && (rc = query_view_new(*q, o->having, o->order, o->top, &view, err)) != 0) {
        query_free(*q);
        *q = NULL;
    }
    if (rc == DS_OK)
        query_view_free(view);
    return rc;
}

int aggcmd_output(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err)
{
    int rc = DS_OK;
    if (res->rows_skipped > 0)
        fprintf(stderr, "damirstat: skipped %llu bad rows of %llu (first: %s)\n",
                (unsigned long long)res->rows_skipped, (unsigned long long)res->rows_read,
                res->first_skipped);
    /* Both files are opened and written before either replaces an old one: a run that fails
     * (an unwritable -o) leaves the old partial too. */
    out_t *outs[2] = {NULL, NULL};
    int table = !o->partial || o->output;
    if (o->partial)
        rc = out_open(o->partial, &outs[0], err);
    if (rc == DS_OK && table)
        rc = out_open(o->output, &outs[1], err);
    if (rc == DS_OK && o->partial)
        rc = put_partial(o, q, res, out_stream(outs[0]), err);
    if (rc == DS_OK && table)
        rc = put_table(o, q, res, out_stream(outs[1]), err);
    if (rc) {
        out_abort(outs[0]);
        out_abort(outs[1]);
        return rc;
    }
    return out_commit_all(outs + !o->partial, (size_t)(!!o->partial + table), err);
}
