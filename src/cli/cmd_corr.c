/* cmd_corr: `damirstat corr DATA --x X --y Y`, the lifestyle-correlation question (daily
 * steps or sport licences against spending per person) with the tests R users expect. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "damirstat/cmd.h"
#include "damirstat/corr.h"
#include "damirstat/json.h"
#include "damirstat/table.h"

static const char usage_text[] =
    "Usage: damirstat corr DATA --x X --y Y [--method pearson|spearman|kendall|all]\n"
    "                      [--bootstrap N] [--permutations N] [--seed S] [--level L]\n"
    "                      [--exact auto|yes|no] [--format text|json]\n"
    "\n"
    "Correlation of two columns, rows with a missing value dropped and counted; the p-values\n"
    "are those of R's cor.test with the same exact argument:\n"
    "  Pearson   t test on n - 2 df and Fisher-z interval.\n"
    "  Spearman  S = sum of squared rank differences; without ties and with n < 1290, p from\n"
    "            its permutation distribution (exact for n <= 9, AS 89's Edgeworth series\n"
    "            above); with ties (average ranks) or --exact no, the t approximation.\n"
    "  Kendall   tau-b; without ties and with n < 50, T (concordant pairs) and its exact p;\n"
    "            otherwise z with the tie-corrected variance (no continuity correction).\n"
    "--bootstrap adds percentile and BCa intervals, --permutations a two-sided permutation p.\n"
    "\n"
    "Options:\n"
    "  --x X, --y Y       the two columns\n"
    "  --method M         pearson (default), spearman, kendall or all\n"
    "  --bootstrap N      bootstrap replicates (default 0: none)\n"
    "  --permutations N   permutations (default 0: none)\n"
    "  --seed S           seed of the resampling (default 1)\n"
    "  --level L          confidence level (default 0.95)\n"
    "  --exact E          auto (default: R's exact = NULL, as above), yes (exact p whenever\n"
    "                     there are no ties; Kendall up to n = 1000, Spearman n < 1290) or\n"
    "                     no (t and normal approximations only)\n"
    "  --format F         text (default) or json\n"
    "\n"
    "Example:\n"
    "  damirstat corr lifestyle.csv --x licences_pour_100_hab --y spending_per_person \\\n"
    "      --method all --bootstrap 2000 --permutations 9999 --seed 2015\n";

struct options {
    const char *path, *x, *y, *format;
    corr_options corr;
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

static int parse_option(int c, const char *arg, struct options *o, ds_err *err)
{
    unsigned long long v = 0;
    int rc = DS_OK;
    switch (c) {
    case 'x': o->x = arg; break;
    case 'y': o->y = arg; break;
    case 'f': o->format = arg; break;
    case 'm': rc = parse_method(arg, &o->corr.methods, err); break;
    case 'l': rc = parse_level(arg, &o->corr.level, err); break;
    case 'e': rc = parse_exact(arg, &o->corr.exact, err); break;
    case 'b': rc = cli_parse_count("corr", "--bootstrap", arg, &v, err); o->corr.bootstrap = (unsigned long)v; break;
    case 'p': rc = cli_parse_count("corr", "--permutations", arg, &v, err); o->corr.permutations = (unsigned long)v; break;
    case 's': rc = cli_parse_count("corr", "--seed", arg, &v, err); o->corr.seed = (unsigned long)v; break;
    default: break;
    }
    return rc;
}

static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    static const struct option longopts[] = {
        {"x", required_argument, NULL, 'x'},      {"y", required_argument, NULL, 'y'},
        {"method", required_argument, NULL, 'm'}, {"bootstrap", required_argument, NULL, 'b'},
        {"permutations", required_argument, NULL, 'p'}, {"seed", required_argument, NULL, 's'},
        {"level", required_argument, NULL, 'l'},  {"format", required_argument, NULL, 'f'},
        {"exact", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    int c, rc = DS_OK;
    opterr = 0;
    optind = 1;
    while (rc == DS_OK && (c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return 1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option("corr", argv[optind - 1], c == ':', err);
        rc = parse_option(c, optarg, o, err);
    }
    if (rc)
        return rc;
    if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0)
        return ds_err_set(err, DS_EUSAGE, "corr: --format expects text or json, got '%s'", o->format);
    if (!o->x || !o->y)
        return ds_err_set(err, DS_EUSAGE, "corr: --x and --y are required");
    if (argc - optind != 1)
        return ds_err_set(err, DS_EUSAGE, "corr: expected one DATA file (see damirstat corr --help)");
    o->path = argv[optind];
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

static void print_text_estimate(const char *name, const corr_estimate *e, double level)
{
    int pct = (int)lround(level * 100);
    printf("%-9s %8.4f  ", name, e->estimate);
    if (!isnan(e->df))
        printf("t = %.4f, df = %.0f", e->statistic, e->df);
    else if (strcmp(e->statistic_name, "z") == 0)
        printf("z = %.4f", e->statistic);
    else
        printf("%s = %.0f", e->statistic_name, e->statistic);
    printf(", p = %.4g", e->p_value);
    if (strcmp(e->p_method, "exact") == 0)
        printf(" (exact)");
    else if (strcmp(e->p_method, "AS 89") == 0)
        printf(" (AS 89 Edgeworth series)");
    else if (e->method == CORR_SPEARMAN)
        printf(" (t approximation%s)", e->ties ? "; ties: no exact p" : "");
    else if (e->method == CORR_KENDALL)
        printf(" (normal approximation%s)", e->ties ? "; ties: no exact p" : "");
    putchar('\n');
    if (isfinite(e->ci_low))
        printf("          %d%% CI (Fisher z): [%.4f, %.4f]\n", pct, e->ci_low, e->ci_high);
    if (isfinite(e->boot_pct_low))
        printf("          %d%% bootstrap percentile: [%.4f, %.4f]\n", pct, e->boot_pct_low, e->boot_pct_high);
    if (isfinite(e->boot_bca_low))
        printf("          %d%% bootstrap BCa:        [%.4f, %.4f]\n", pct, e->boot_bca_low, e->boot_bca_high);
    if (isfinite(e->p_permutation))
        printf("          permutation p: %.4g\n", e->p_permutation);
}

static void print_result(const struct options *o, const corr_result *r)
{
    const corr_estimate *list[] = {&r->pearson, &r->spearman, &r->kendall};
    const char *names[] = {"pearson", "spearman", "kendall"};
    if (strcmp(o->format, "json") == 0) {
        json_w w;
        json_init(&w, stdout);
        corr_json(&w, r, &o->corr);
        putchar('\n');
        return;
    }
    printf("Correlation of %s and %s: n = %zu", o->x, o->y, r->n);
    if (r->n_dropped)
        printf(" (%zu rows with a missing value dropped)", r->n_dropped);
    printf("\n\n");
    for (size_t i = 0; i < 3; i++)
        if (list[i]->method)
            print_text_estimate(names[i], list[i], o->corr.level);
}

/* Which column does not vary over the complete pairs (NULL if both do): the library only
 * knows "x" and "y", the user needs the column's name. */
static const char *constant_column(const double *x, const double *y, size_t n,
                                   const struct options *o)
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
    return !seen ? NULL : !xvar ? o->x : !yvar ? o->y : NULL;
}

int cmd_corr(int argc, char **argv, ds_err *err)
{
    struct options o = {.format = "text", .corr = {.methods = CORR_PEARSON, .level = 0.95, .seed = 1}};
    int rc = parse_options(argc, argv, &o, err);
    if (rc)
        return rc == 1 ? DS_OK : rc;
    table_t *t = NULL;
    double *x = NULL, *y = NULL;
    corr_result r;
    if ((rc = table_load(o.path, &t, err)))
        goto done;
    x = xcalloc(table_nrows(t) + 1, sizeof *x);
    y = xcalloc(table_nrows(t) + 1, sizeof *y);
    if ((rc = column_values(t, o.x, x, err)) || (rc = column_values(t, o.y, y, err)))
        goto done;
    const char *flat = constant_column(x, y, table_nrows(t), &o);
    if (flat) {
        rc = ds_err_set(err, DS_EDATA, "corr: %s: column '%s' is constant where both columns have a value: no correlation is defined",
                        table_name(t), flat);
        goto done;
    }
    if ((rc = corr_compute(x, y, table_nrows(t), &o.corr, &r, err)))
        goto done;
    print_result(&o, &r);
done:
    free(x);
    free(y);
    table_free(t);
    return rc;
}
