/* cmd_corr: `damirstat corr DATA --x X --y Y`, the lifestyle-correlation question (daily
 * steps or sport licences against spending per person) with the tests R users expect. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/corr.h"
#include "damirstat/json.h"
#include "damirstat/pvalue.h"
#include "damirstat/table.h"

struct options {
    const char *path, *x, *y, *format, *output;
    corr_options corr;
    table_load_opts load;
    adjust_method adjust;
};

enum { O_X, O_Y, O_METHOD, O_BOOTSTRAP, O_PERMUTATIONS, O_SEED, O_LEVEL, O_EXACT, O_FORMAT,
       O_OUTPUT, O_DELIMITER, O_SKIP, O_ADJUST };

static const cli_opt options[] = {
    {"x", 0, "X", O_X, "the first column (required)", NULL},
    {"y", 0, "Y", O_Y, "the second column (required); several, 'a,b,c' or a prefix 'share_*', "
     "test X against each", NULL},
    {"adjust", 0, "M", O_ADJUST, "adjust the p-values of the run's tests for multiple "
     "testing, each method over the pairs: holm, bh (false discovery rate), bonferroni, "
     "hochberg or by, as R's p.adjust", NULL},
    {"method", 0, "M", O_METHOD, "pearson (default), spearman, kendall or all", NULL},
    {"bootstrap", 0, "N", O_BOOTSTRAP, "bootstrap replicates (default 0: none)", NULL},
    {"permutations", 0, "N", O_PERMUTATIONS, "permutations (default 0: none)", NULL},
    {"seed", 0, "S", O_SEED, "seed of the resampling (default 1)", NULL},
    {"level", 0, "L", O_LEVEL, "confidence level (default 0.95)", NULL},
    {"exact", 0, "E", O_EXACT, "auto (default: R's exact = NULL, as above), yes (exact p "
     "whenever there are no ties; Kendall up to n = 1000, Spearman n < 1290) or no (t and "
     "normal approximations only)", NULL},
    {"format", 0, "text|json", O_FORMAT, "output format (default text)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    CLI_OPT_DELIMITER(O_DELIMITER),
    CLI_OPT_SKIP(O_SKIP),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err);

const cli_cmd cmd_corr_cli = {
    "corr",
    "Pearson, Spearman and Kendall correlation with intervals",
    "DATA --x X --y Y[,Y2…] [--method pearson|spearman|kendall|all]\n"
    "    [--bootstrap N] [--permutations N] [--seed S] [--level L]\n"
    "    [--adjust holm|bh|bonferroni|hochberg|by]\n"
    "    [--exact auto|yes|no] [--format text|json] [-o FILE]",
    "Correlation of two columns, rows with a missing value dropped and counted; the p-values\n"
    "are those of R's cor.test with the same exact argument:\n"
    "  Pearson   t test on n - 2 df and Fisher-z interval.\n"
    "  Spearman  S = (n^3 - n)(1 - rho)/6 as R (the sum of squared rank differences when\n"
    "            there are no ties); without ties and with n < 1290, p from\n"
    "            its permutation distribution (exact for n <= 9, AS 89's Edgeworth series\n"
    "            above); with ties (average ranks) or --exact no, the t approximation.\n"
    "  Kendall   tau-b; without ties and with n < 50, T (concordant pairs) and its exact p;\n"
    "            otherwise z with the tie-corrected variance (no continuity correction).\n"
    "--bootstrap adds percentile and BCa intervals, --permutations a two-sided permutation p.\n"
    "With several --y columns, X is tested against each (JSON: one line a pair,\n"
    "{\"x\", \"y\", \"corr\"}); --adjust corrects the p-values for the number of pairs.",
    options,
    "damirstat corr lifestyle.csv --x licences_pour_100_hab --y spending_per_person \\\n"
    "    --method all --bootstrap 2000 --permutations 9999 --seed 2015 -o corr.txt\n"
    "damirstat corr dept.csv --x densite_medecins --y 'share_*' --method spearman --adjust holm",
    set_option,
    NULL,
};

static int parse_method(const char *s, unsigned *methods, ds_err *err)
{
    static const char *const names[] = {"pearson", "spearman", "kendall", "all"};
    static const unsigned bits[] = {CORR_PEARSON, CORR_SPEARMAN, CORR_KENDALL,
                                    CORR_PEARSON | CORR_SPEARMAN | CORR_KENDALL};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *methods = bits[i];
            return DS_OK;
        }
    return ds_err_set(err, DS_EUSAGE, "corr: --method expects pearson, spearman, kendall or all, got '%s'", s);
}

static int parse_level(const char *s, double *level, ds_err *err)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v > 0 && v < 1))
        return ds_err_set(err, DS_EUSAGE, "corr: --level expects a number between 0 and 1, got '%s'", s);
    *level = v;
    return DS_OK;
}

static int parse_exact(const char *s, int *exact, ds_err *err)
{
    static const char *const names[] = {"auto", "yes", "no"};
    static const int values[] = {CORR_EXACT_AUTO, CORR_EXACT_YES, CORR_EXACT_NO};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *exact = values[i];
            return DS_OK;
        }
    return ds_err_set(err, DS_EUSAGE, "corr: --exact expects auto, yes or no, got '%s'", s);
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"text", "json"};
    struct options *o = ctx;
    unsigned long long n = 0;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_X: o->x = v; break;
    case O_Y: o->y = v; break;
    case O_OUTPUT: o->output = v; break;
    case O_FORMAT:
        if ((rc = cli_parse_choice("corr", "--format", v, formats, 2, &i, err)) == DS_OK)
            o->format = formats[i];
        break;
    case O_METHOD: rc = parse_method(v, &o->corr.methods, err); break;
    case O_LEVEL: rc = parse_level(v, &o->corr.level, err); break;
    case O_EXACT: rc = parse_exact(v, &o->corr.exact, err); break;
    case O_BOOTSTRAP: rc = cli_parse_count("corr", "--bootstrap", v, &n, err); o->corr.bootstrap = (unsigned long)n; break;
    case O_PERMUTATIONS: rc = cli_parse_count("corr", "--permutations", v, &n, err); o->corr.permutations = (unsigned long)n; break;
    case O_SEED: rc = cli_parse_count("corr", "--seed", v, &n, err); o->corr.seed = (unsigned long)n; break;
    case O_DELIMITER: rc = cli_parse_delim("corr", "--delimiter", v, &o->load.delim, err); break;
    case O_SKIP: rc = cli_parse_lines("corr", "--skip", v, &o->load.skip_lines, err); break;
    case O_ADJUST:
        if (adjust_parse(v, &o->adjust) || o->adjust == ADJUST_NONE)
            rc = ds_err_set(err, DS_EUSAGE, "corr: --adjust expects holm, bh, bonferroni, "
                            "hochberg or by, got '%s'", v);
        break;
    default: break;
    }
    return rc;
}

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_corr_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    if (!o->x || !o->y)
        return ds_err_set(err, DS_EUSAGE, "corr: --x and --y are required");
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "corr: expected one DATA file (see damirstat corr --help)");
    o->path = argv[1];
    return DS_OK;
}

static int column_values(const table_t *t, const char *name, double *v, ds_err *err)
{
    size_t c;
    int rc = table_number_column(t, name, &c, err);
    if (rc)
        return rc;
    if (table_col_missing(t, (size_t)c) == table_nrows(t))
        return ds_err_set(err, DS_EDATA, "%s: column '%s' has no value", table_name(t), name);
    for (size_t i = 0; i < table_nrows(t); i++)
        v[i] = table_num(t, i, (size_t)c);
    return DS_OK;
}

/* Decimals that give a statistic R's five significant digits (print.htest: digits - 2),
 * none for a whole number: S = 51.333 with ties, S = 56 without. */
static int statistic_decimals(double v)
{
    if (!isfinite(v) || fabs(v - round(v)) <= 1e-9 * fmax(1, fabs(v)))
        return 0;
    int d = 4 - (int)floor(log10(fabs(v)));
    return d < 0 ? 0 : d;
}

/* "= 0.0123", or "< 2.2e-16" below R's machine epsilon, as cor.test prints it: a p of 0
 * (AS 89's series underflows far out) is no probability anyone measured. */
static const char *p_text(double p, char *buf, size_t size)
{
    char v[24];
    pvalue_text_r(p, 4, v, sizeof v);
    snprintf(buf, size, "%s%s", v[0] == '<' ? "" : "= ", v);
    return buf;
}

static void print_text_estimate(FILE *fp, const char *name, const corr_estimate *e, double level,
                                const corr_result *r)
{
    int pct = (int)lround(level * 100);
    char pbuf[32];
    fprintf(fp, "%-9s %8.4f  ", name, e->estimate);
    if (!isnan(e->df))
        fprintf(fp, "t = %.4f, df = %.0f", e->statistic, e->df);
    else if (strcmp(e->statistic_name, "z") == 0)
        fprintf(fp, "z = %.4f", e->statistic);
    else /* S or T: whole without ties; S with ties to five digits, as cor.test prints */
        fprintf(fp, "%s = %.*f", e->statistic_name, statistic_decimals(e->statistic),
                e->statistic);
    fprintf(fp, ", p %s", p_text(e->p_value, pbuf, sizeof pbuf));
    if (strcmp(e->p_method, "exact") == 0)
        fprintf(fp, " (exact)");
    else if (strcmp(e->p_method, "AS 89") == 0)
        fprintf(fp, " (AS 89 Edgeworth series)");
    else if (e->method == CORR_SPEARMAN)
        fprintf(fp, " (t approximation%s)", e->ties ? "; ties: no exact p" : "");
    else if (e->method == CORR_KENDALL)
        fprintf(fp, " (normal approximation%s)", e->ties ? "; ties: no exact p" : "");
    fputc('\n', fp);
    if (r->adjust != ADJUST_NONE)
        fprintf(fp, "          %s-adjusted p over %zu tests: %s\n", adjust_name(r->adjust),
                r->adjust_tests, p_text(e->p_adjusted, pbuf, sizeof pbuf) +
                                     (e->p_adjusted < 2.220446e-16 ? 0 : 2));
    if (isfinite(e->ci_low))
        fprintf(fp, "          %d%% CI (Fisher z): [%.4f, %.4f]\n", pct, e->ci_low, e->ci_high);
    if (isfinite(e->boot_pct_low))
        fprintf(fp, "          %d%% bootstrap percentile: [%.4f, %.4f]\n", pct, e->boot_pct_low, e->boot_pct_high);
    if (isfinite(e->boot_bca_low))
        fprintf(fp, "          %d%% bootstrap BCa:        [%.4f, %.4f]\n", pct, e->boot_bca_low, e->boot_bca_high);
    if (isfinite(e->p_permutation))
        fprintf(fp, "          permutation p: %.4g\n", e->p_permutation);
}

/* One pair: the bare corr object (JSON; {"x", "y", "corr"} when the run has several pairs)
 * or its text block. */
static void print_result(FILE *fp, const struct options *o, const char *y, const corr_result *r,
                         int several)
{
    const corr_estimate *list[] = {&r->pearson, &r->spearman, &r->kendall};
    const char *names[] = {"pearson", "spearman", "kendall"};
    if (strcmp(o->format, "json") == 0) {
        json_w w;
        json_init(&w, fp);
        if (several) {
            json_object(&w, JSON_COMPACT);
            json_member_str(&w, "x", o->x);
            json_member_str(&w, "y", y);
            json_key(&w, "corr");
        }
        corr_json(&w, r, &o->corr);
        if (several)
            json_end(&w);
        fputc('\n', fp);
        return;
    }
    fprintf(fp, "Correlation of %s and %s: n = %zu", o->x, y, r->n);
    if (r->n_dropped)
        fprintf(fp, " (%zu rows with a missing value dropped)", r->n_dropped);
    fprintf(fp, "\n\n");
    for (size_t i = 0; i < 3; i++)
        if (list[i]->method)
            print_text_estimate(fp, names[i], list[i], o->corr.level, r);
}

struct printed {
    const struct options *o;
    char **y;
    corr_result *r;
    size_t n;
};

static int write_result(FILE *fp, const void *arg, ds_err *err)
{
    const struct printed *p = arg;
    (void)err;
    for (size_t i = 0; i < p->n; i++) {
        if (i && strcmp(p->o->format, "json") != 0)
            fputc('\n', fp);
        print_result(fp, p->o, p->y[i], &p->r[i], p->n > 1);
    }
    return DS_OK;
}

/* Which column does not vary over the complete pairs (NULL if both do): the library only
 * knows "x" and "y", the user needs the column's name. */
static const char *constant_column(const double *x, const double *y, size_t n, const char *xn,
                                   const char *yn)
{
    int seen = 0, xvar = 0, yvar = 0;
    double x0 = 0, y0 = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]) || isnan(y[i]))
            continue;
        if (!seen) {
            x0 = x[i];
            y0 = y[i];
            seen = 1;
        }
        xvar |= x[i] != x0;
        yvar |= y[i] != y0;
    }
    return !seen ? NULL : !xvar ? xn : !yvar ? yn : NULL;
}

/* The --y columns: names and prefixes ending in '*' (every other column of t starting so),
 * comma-separated. DS_EUSAGE for an empty list or a prefix no column has. */
static int y_columns(const table_t *t, const struct options *o, char ***out, size_t *n,
                     ds_err *err)
{
    size_t cap = table_ncols(t) + 8;
    char **v = xcalloc(cap, sizeof *v), *spec = xstrdup(o->y), *save = NULL;
    int rc = DS_OK;
    *n = 0;
    for (char *item = strtok_r(spec, ",", &save); item && rc == DS_OK;
         item = strtok_r(NULL, ",", &save)) {
        while (*item == ' ')
            item++;
        size_t len = strlen(item), hits = 0;
        while (len && item[len - 1] == ' ')
            item[--len] = '\0';
        if (len == 0 || item[len - 1] != '*') {
            if (*n + 1 < cap && len)
                v[(*n)++] = xstrdup(item);
            continue;
        }
        for (size_t c = 0; c < table_ncols(t); c++) {
            const char *name = table_col_name(t, c);
            if (strncmp(name, item, len - 1) == 0 && strcmp(name, o->x) != 0 && *n + 1 < cap) {
                v[(*n)++] = xstrdup(name);
                hits++;
            }
        }
        if (!hits)
            rc = ds_err_set(err, DS_EUSAGE, "corr: --y: no column of %s starts with '%.*s'",
                            table_name(t), (int)(len - 1), item);
    }
    if (rc == DS_OK && *n == 0)
        rc = ds_err_set(err, DS_EUSAGE, "corr: --y names no column");
    free(spec);
    *out = v;
    return rc;
}

/* The correlation of x with column y of t into r. */
static int one_pair(const table_t *t, const struct options *o, const double *x, const char *y,
                    double *yv, corr_result *r, ds_err *err)
{
    int rc = column_values(t, y, yv, err);
    if (rc)
        return rc;
    const char *flat = constant_column(x, yv, table_nrows(t), o->x, y);
    if (flat)
        return ds_err_set(err, DS_EDATA, "corr: %s: column '%s' is constant where both columns "
                          "have a value: no correlation is defined", table_name(t), flat);
    return corr_compute(x, yv, table_nrows(t), &o->corr, r, err);
}

int cmd_corr(int argc, char **argv, ds_err *err)
{
    struct options o = {.format = "text", .corr = {.methods = CORR_PEARSON, .level = 0.95, .seed = 1}};
    int rc = parse_options(argc, argv, &o, err);
    if (rc > 0)
        return cli_finish(&cmd_corr_cli, rc);
    if (rc)
        return rc;
    table_t *t = NULL;
    double *x = NULL, *y = NULL;
    char **ys = NULL;
    size_t ny = 0;
    corr_result *r = NULL;
    if ((rc = table_load_with(o.path, &o.load, &t, err)))
        goto done;
    cli_table_notes("corr", t, 0);
    x = xcalloc(table_nrows(t) + 1, sizeof *x);
    y = xcalloc(table_nrows(t) + 1, sizeof *y);
    if ((rc = column_values(t, o.x, x, err)) || (rc = y_columns(t, &o, &ys, &ny, err)))
        goto done;
    r = xcalloc(ny + 1, sizeof *r);
    for (size_t i = 0; i < ny && rc == DS_OK; i++)
        rc = one_pair(t, &o, x, ys[i], y, &r[i], err);
    if (rc)
        goto done;
    if (o.adjust != ADJUST_NONE) {
        corr_result **rs = xmalloc((ny + 1) * sizeof *rs);
        for (size_t i = 0; i < ny; i++)
            rs[i] = &r[i];
        corr_adjust(rs, ny, o.adjust);
        free(rs);
    }
    struct printed pr = {&o, ys, r, ny};
    rc = cli_write_output(o.output, write_result, &pr, err);
done:
    for (size_t i = 0; ys && i < ny; i++)
        free(ys[i]);
    free(ys);
    free(r);
    free(x);
    free(y);
    table_free(t);
    return rc;
}
