/* cmd_corr: `damirstat corr DATA --x X --y Y`, the correlation of two department variables
 * with the inference a reader of the study needs (cor.test's, bootstrap, permutation). */
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
    "                      [--bootstrap N] [--permutations N] [--seed S] [--level 0.95]\n"
    "                      [--format text|json]\n"
    "\n"
    "Correlation of columns X and Y of DATA; rows where X or Y is missing are dropped and\n"
    "counted. The tests are those of R's cor.test:\n"
    "  pearson   r, t test on n-2 df, confidence interval by Fisher's z\n"
    "  spearman  rho (ties get their average rank), p from the t approximation on n-2 df\n"
    "            (R's cor.test(method=\"spearman\", exact=FALSE)); no interval\n"
    "  kendall   tau-b, z with the tie-corrected variance of S and a normal p, no\n"
    "            continuity correction (R's cor.test(method=\"kendall\", exact=FALSE))\n"
    "\n"
    "Options:\n"
    "  --method M        pearson (default), spearman, kendall or all\n"
    "  --bootstrap N     N bootstrap replicates of the pairs: percentile and BCa intervals\n"
    "  --permutations N  two-sided permutation p-value, (k + 1) / (N + 1)\n"
    "  --seed S          seed of the generator (GSL mt19937; default 1): same seed, same result\n"
    "  --level L         confidence level of every interval (default 0.95)\n"
    "  --format F        text (default) or json; JSON keys: x, y, n, dropped, level, seed,\n"
    "                    results[{method, estimate, statistic_name, statistic, df, p_value,\n"
    "                    ci_low, ci_high, bootstrap{replicates, dropped, percentile_low,\n"
    "                    percentile_high, bca_low, bca_high} or null, permutation\n"
    "                    {permutations, p_value} or null}]; numbers with 17 significant\n"
    "                    digits, null when undefined\n"
    "\n"
    "Example:\n"
    "  damirstat corr derived.csv --x gp_per_100k --y visits_per_inhabitant --method all \\\n"
    "      --bootstrap 2000 --permutations 9999 --seed 2015\n";

struct options {
    const char *path, *x, *y;
    int method; /* 0 … 2 a corr_method, 3 = all */
    int json;
    corr_options corr;
};

static int parse_value(int c, struct options *o, ds_err *err)
{
    static const char *const methods[] = {"pearson", "spearman", "kendall", "all"};
    unsigned long long v = 0;
    char *end;
    switch (c) {
    case 'x': o->x = optarg; return DS_OK;
    case 'y': o->y = optarg; return DS_OK;
    case 'm':
        for (int i = 0; i < 4; i++)
            if (strcmp(optarg, methods[i]) == 0) {
                o->method = i;
                return DS_OK;
            }
        return ds_err_set(err, DS_EUSAGE, "corr: --method does not accept '%s'", optarg);
    case 'f':
        if (strcmp(optarg, "text") && strcmp(optarg, "json"))
            return ds_err_set(err, DS_EUSAGE, "corr: --format does not accept '%s'", optarg);
        o->json = optarg[0] == 'j';
        return DS_OK;
    case 'l':
        o->corr.level = strtod(optarg, &end);
        if (end == optarg || *end || !(o->corr.level > 0 && o->corr.level < 1))
            return ds_err_set(err, DS_EUSAGE, "corr: --level expects a number between 0 and 1, got '%s'", optarg);
        return DS_OK;
    case 'b': {
        int rc = cli_parse_count("corr", "--bootstrap", optarg, &v, err);
        o->corr.bootstrap = (size_t)v;
        return rc;
    }
    case 'p': {
        int rc = cli_parse_count("corr", "--permutations", optarg, &v, err);
        o->corr.permutations = (size_t)v;
        return rc;
    }
    case 's': {
        int rc = cli_parse_count("corr", "--seed", optarg, &v, err);
        o->corr.seed = (unsigned long)v;
        return rc;
    }
    default: return DS_OK;
    }
}

/* Returns DS_OK, a usage error, or 1 when --help was printed. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    static const struct option longopts[] = {
        {"x", required_argument, NULL, 'x'},         {"y", required_argument, NULL, 'y'},
        {"method", required_argument, NULL, 'm'},    {"format", required_argument, NULL, 'f'},
        {"level", required_argument, NULL, 'l'},     {"bootstrap", required_argument, NULL, 'b'},
        {"permutations", required_argument, NULL, 'p'}, {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
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
        rc = parse_value(c, o, err);
    }
    if (rc != DS_OK)
        return rc;
    if (argc - optind != 1)
        return ds_err_set(err, DS_EUSAGE, "corr: expected one table (see damirstat corr --help)");
    if (!o->x || !o->y)
        return ds_err_set(err, DS_EUSAGE, "corr: --x and --y are required");
    o->path = argv[optind];
    return DS_OK;
}

/* The numeric column called name, or an error naming the table. */
static int find_column(const table_t *t, const char *name, size_t *col, ds_err *err)
{
    long c = table_col_index(t, name);
    if (c < 0)
        return ds_err_set(err, DS_EDATA, "corr: %s: no column '%s'", table_name(t), name);
    if (table_col_type(t, (size_t)c) != TABLE_NUMBER)
        return ds_err_set(err, DS_EDATA, "corr: %s: column '%s' holds text, not numbers",
                          table_name(t), name);
    *col = (size_t)c;
    return DS_OK;
}

static int is_constant(const double *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[0])
            return 0;
    return 1;
}

struct pairs {
    double *x, *y;
    size_t n, dropped;
};

/* Complete (x, y) pairs of the table; a constant column is an error naming it. */
static int collect_pairs(const table_t *t, const struct options *o, struct pairs *p, ds_err *err)
{
    size_t cx, cy, rows = table_nrows(t);
    int rc;
    if ((rc = find_column(t, o->x, &cx, err)) || (rc = find_column(t, o->y, &cy, err)))
        return rc;
    p->x = xmalloc((rows ? rows : 1) * 2 * sizeof *p->x);
    p->y = p->x + (rows ? rows : 1);
    for (size_t r = 0; r < rows; r++) {
        double a = table_num(t, r, cx), b = table_num(t, r, cy);
        if (isnan(a) || isnan(b)) {
            p->dropped++;
            continue;
        }
        p->x[p->n] = a;
        p->y[p->n++] = b;
    }
    if (p->n < 3)
        return ds_err_set(err, DS_EDATA, "corr: %s: need at least 3 rows with both %s and %s, got %zu (%zu dropped for a missing value)",
                          table_name(t), o->x, o->y, p->n, p->dropped);
    if (is_constant(p->x, p->n) || is_constant(p->y, p->n))
        return ds_err_set(err, DS_EDATA, "corr: %s: column '%s' is constant (zero variance): no correlation",
                          table_name(t), is_constant(p->x, p->n) ? o->x : o->y);
    return DS_OK;
}

static void write_json_result(FILE *fp, const corr_result *r)
{
    fprintf(fp, "{\"method\":\"%s\",\"estimate\":", corr_method_name(r->method));
    json_number(fp, r->estimate);
    fprintf(fp, ",\"statistic_name\":\"%s\",\"statistic\":", r->method == CORR_KENDALL ? "z" : "t");
    json_number(fp, r->statistic);
    fputs(",\"df\":", fp);
    json_number(fp, r->df);
    fputs(",\"p_value\":", fp);
    json_number(fp, r->p_value);
    fputs(",\"ci_low\":", fp);
    json_number(fp, r->ci_low);
    fputs(",\"ci_high\":", fp);
    json_number(fp, r->ci_high);
    fputs(",\"bootstrap\":", fp);
    if (r->boot_replicates + r->boot_dropped) {
        fprintf(fp, "{\"replicates\":%zu,\"dropped\":%zu,\"percentile_low\":", r->boot_replicates,
                r->boot_dropped);
        json_number(fp, r->boot_pct_low);
        fputs(",\"percentile_high\":", fp);
        json_number(fp, r->boot_pct_high);
        fputs(",\"bca_low\":", fp);
        json_number(fp, r->boot_bca_low);
        fputs(",\"bca_high\":", fp);
        json_number(fp, r->boot_bca_high);
        fputs("}", fp);
    } else {
        fputs("null", fp);
    }
    fputs(",\"permutation\":", fp);
    if (r->permutations) {
        fprintf(fp, "{\"permutations\":%zu,\"p_value\":", r->permutations);
        json_number(fp, r->perm_p_value);
        fputs("}", fp);
    } else {
        fputs("null", fp);
    }
    fputs("}", fp);
}

/* R's way of printing a p-value that underflows what a double t or z distribution gives. */
static void print_p(FILE *fp, double p)
{
    if (p < 2.2e-16)
        fputs("< 2.2e-16", fp);
    else
        fprintf(fp, "%.4g", p);
}

static void write_text_result(FILE *fp, const corr_result *r, const corr_options *opt)
{
    static const char *const titles[] = {"Pearson's r", "Spearman's rho", "Kendall's tau-b"};
    fprintf(fp, "%-16s %.6g", titles[r->method], r->estimate);
    if (!isnan(r->ci_low))
        fprintf(fp, "   %g%% CI [%.6g, %.6g] (Fisher z)", opt->level * 100, r->ci_low, r->ci_high);
    if (r->method == CORR_KENDALL)
        fprintf(fp, "\n  z = %.6g, p-value = ", r->statistic);
    else
        fprintf(fp, "\n  t = %.6g, df = %g, p-value = ", r->statistic, r->df);
    print_p(fp, r->p_value);
    if (r->method == CORR_SPEARMAN)
        fputs(" (t approximation, as R's cor.test exact=FALSE)", fp);
    if (r->method == CORR_KENDALL)
        fputs(" (normal approximation, tie-corrected variance, as R's cor.test exact=FALSE)", fp);
    if (r->boot_replicates + r->boot_dropped) {
        fprintf(fp, "\n  bootstrap, %zu replicates", r->boot_replicates);
        if (r->boot_dropped)
            fprintf(fp, " (%zu undefined, dropped)", r->boot_dropped);
        fprintf(fp, ": %g%% percentile [%.6g, %.6g], BCa ", opt->level * 100, r->boot_pct_low,
                r->boot_pct_high);
        if (isnan(r->boot_bca_low))
            fputs("undefined (every replicate on one side of the estimate)", fp);
        else
            fprintf(fp, "[%.6g, %.6g]", r->boot_bca_low, r->boot_bca_high);
    }
    if (r->permutations) {
        fprintf(fp, "\n  permutation, %zu shuffles: p-value = ", r->permutations);
        print_p(fp, r->perm_p_value);
    }
    fputs("\n", fp);
}

int cmd_corr(int argc, char **argv, ds_err *err)
{
    struct options o = {.corr = {.level = 0.95, .seed = 1}};
    int rc = parse_options(argc, argv, &o, err);
    if (rc != DS_OK)
        return rc == 1 ? DS_OK : rc;
    table_t *t = NULL;
    struct pairs p = {0};
    corr_result res[3];
    int first = o.method == 3 ? 0 : o.method, last = o.method == 3 ? 2 : o.method;
    if ((rc = table_load(o.path, &t, err)) || (rc = collect_pairs(t, &o, &p, err)))
        goto done;
    for (int m = first; m <= last && rc == DS_OK; m++)
        rc = corr_compute(p.x, p.y, p.n, (corr_method)m, &o.corr, &res[m], err);
    if (rc)
        goto done;
    if (o.json) {
        fputs("{\"x\":", stdout);
        json_string(stdout, o.x);
        fputs(",\"y\":", stdout);
        json_string(stdout, o.y);
        fprintf(stdout, ",\"n\":%zu,\"dropped\":%zu,\"level\":", p.n, p.dropped);
        json_number(stdout, o.corr.level);
        fprintf(stdout, ",\"seed\":%lu,\"results\":[", o.corr.seed);
        for (int m = first; m <= last; m++) {
            if (m > first)
                fputs(",", stdout);
            write_json_result(stdout, &res[m]);
        }
        fputs("]}\n", stdout);
    } else {
        printf("%s (x) and %s (y): n = %zu", o.x, o.y, p.n);
        if (p.dropped)
            printf(", %zu row%s dropped (missing x or y)", p.dropped, p.dropped > 1 ? "s" : "");
        if (o.corr.bootstrap || o.corr.permutations)
            printf(", seed %lu", o.corr.seed);
        printf("\n");
        for (int m = first; m <= last; m++)
            write_text_result(stdout, &res[m], &o.corr);
    }
done:
    free(p.x);
    table_free(t);
    return rc;
}
