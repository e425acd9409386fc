/* cmd_moran: `damirstat moran DATA --value COL`, spatial autocorrelation of a department
 * variable, so a user knows when department rows are not independent observations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/geo.h"
#include "damirstat/json.h"
#include "damirstat/moran.h"
#include "damirstat/table.h"

struct options {
    const char *path, *value, *key, *format, *output, *level;
    moran_options moran;
    table_load_opts load;
};

enum { O_VALUE, O_KEY, O_PERMUTATIONS, O_SEED, O_NEIGHBOURS, O_FORMAT, O_OUTPUT, O_DELIMITER,
       O_SKIP, O_LEVEL };

static const cli_opt options[] = {
    {"value", 0, "COL", O_VALUE, "the variable (required; rows where it is missing are "
     "dropped and counted)", NULL},
    {"key", 0, "COL", O_KEY, "department or region key column (default: 'dep', 'BEN_RES_REG' "
     "or 'reg', else the first column whose values are all department codes; '--key dept' "
     "also means that)", NULL},
    {"level", 0, "L", O_LEVEL, "region or department (default: from the key column's name, "
     "else its codes; codes that are both, 11 … 94, need it)", NULL},
    {"permutations", 0, "N", O_PERMUTATIONS, "permutation test with N shuffles (default 0: "
     "none)", NULL},
    {"seed", 0, "S", O_SEED, "seed of the permutations (default 1)", NULL},
    {"neighbours", 0, "FILE", O_NEIGHBOURS, "CODE,voisin pairs (default "
     MORAN_DEFAULT_NEIGHBOURS ", or external-data/" MORAN_REGION_NEIGHBOURS_FILE
     " for regions)", NULL},
    {"format", 0, "text|json", O_FORMAT, "output format (default text)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    CLI_OPT_DELIMITER(O_DELIMITER),
    CLI_OPT_SKIP(O_SKIP),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"text", "json"};
    struct options *o = ctx;
    unsigned long long n = 0;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_VALUE: o->value = v; break;
    case O_KEY: o->key = v; break;
    case O_LEVEL: o->level = v; break;
    case O_NEIGHBOURS: o->moran.neighbours = v; break;
    case O_OUTPUT: o->output = v; break;
    case O_FORMAT:
        if ((rc = cli_parse_choice("moran", "--format", v, formats, 2, &i, err)) == DS_OK)
            o->format = formats[i];
        break;
    case O_PERMUTATIONS:
        rc = cli_parse_count("moran", "--permutations", v, &n, err);
        o->moran.permutations = (unsigned long)n;
        break;
    case O_SEED:
        rc = cli_parse_count("moran", "--seed", v, &n, err);
        o->moran.seed = (unsigned long)n;
        break;
    case O_DELIMITER: rc = cli_parse_delim("moran", "--delimiter", v, &o->load.delim, err); break;
    case O_SKIP: rc = cli_parse_lines("moran", "--skip", v, &o->load.skip_lines, err); break;
    default: break;
    }
    return rc;
}

const cli_cmd cmd_moran_cli = {
    "moran",
    "Moran's I of a department or region variable",
    "DATA --value COL [--key COL] [--level region|department] [--permutations N] [--seed S]\n"
    "    [--neighbours FILE] [--format text|json] [-o FILE]",
    "Moran's I of a department variable with row-standardised contiguity weights (shared\n"
    "borders), as R's spdep::moran.test (alternative 'greater'): the expectation, variance,\n"
    "z and p under randomisation (the default in spdep) and under normality, and with\n"
    "--permutations a permutation p, (k + 1) / (N + 1). Departments without a neighbour\n"
    "among those present (Corsica alone, overseas) are left out and listed. This is for a\n"
    "variable: a model's residuals are tested with 'damirstat fit --moran' (as spdep's\n"
    "lm.morantest, whose E[I] and variance allow for the fit). Region keys (a column named\n"
    "BEN_RES_REG, reg… or --level region) are tested over region contiguity\n"
    "(external-data/regions-contiguite.csv; regions-open-damir-contiguite.csv for\n"
    "BEN_RES_REG), never as the departments of the same numbers.",
    options,
    "damirstat moran dept.csv --value visits_per_inhabitant --permutations 9999\n"
    "damirstat moran dept.csv --value visits_per_inhabitant --format json -o moran.json",
    set_option,
    NULL,
};

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_moran_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    if (!o->value)
        return ds_err_set(err, DS_EUSAGE, "moran: --value COL is required");
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "moran: expected one DATA file (see damirstat moran --help)");
    o->path = argv[1];
    return DS_OK;
}

static int is_dept_column(const table_t *t, size_t col)
{
    for (size_t r = 0; r < table_nrows(t); r++) {
        char code[GEO_CODE_MAX];
        const char *s = table_text(t, r, col);
        if (geo_dept_canon(s, strlen(s), code, NULL) != DS_OK)
            return 0;
    }
    return table_nrows(t) > 0;
}

static int find_key(const table_t *t, const char *key, size_t *col, ds_err *err)
{
    long c = key ? table_col_index(t, key) : table_col_index(t, "dep");
    if (!key && c < 0)
        c = table_col_index(t, "BEN_RES_REG");
    if (!key && c < 0)
        c = table_col_index(t, "reg");
    if (c >= 0) {
        *col = (size_t)c;
        return DS_OK;
    }
    if (key && strcmp(key, "dept") != 0)
        return table_column(t, key, NULL, col, err);
    for (size_t i = 0; i < table_ncols(t); i++)
        if (is_dept_column(t, i)) {
            *col = i;
            return DS_OK;
        }
    return ds_err_set(err, DS_EDATA, "%s: no column of department codes (use --key COL)", table_name(t));
}

static void print_json(FILE *fp, const moran_result *r, size_t dropped)
{
    json_w w;
    json_init(&w, fp);
    moran_json(&w, r, dropped);
    putc('\n', fp);
}

static void print_text(FILE *fp, const char *value, const moran_result *r, size_t dropped,
                       const moran_options *mo)
{
    int regions = mo->level == GEO_LEVEL_REGION;
    fprintf(fp, "Moran's I of %s over %zu %s (row-standardised contiguity)\n", value, r->n,
            regions ? "regions" : "departments");
    if (dropped)
        fprintf(fp, "  (%zu row%s with a missing value dropped)\n", dropped, dropped > 1 ? "s" : "");
    if (r->n_isolated) {
        fprintf(fp, "  without a neighbour, left out:");
        for (size_t i = 0; i < r->n_isolated; i++) {
            const char *name = regions ? geo_region_name(atoi(r->isolated[i]), mo->scheme)
                                       : geo_dept_name(r->isolated[i]);
            fprintf(fp, "%s %s%s%s%s", i ? "," : "", r->isolated[i], name ? " (" : "",
                    name ? name : "", name ? ")" : "");
        }
        fputc('\n', fp);
    }
    fprintf(fp, "\n  I = %.6f   E[I] = %.6f\n", r->i, r->expected);
    fprintf(fp, "  randomisation: Var = %.6g  z = %.4f  p (I > E[I]) = %.4g\n", r->var_random,
            r->z_random, r->p_random);
    fprintf(fp, "  normality:     Var = %.6g  z = %.4f  p (I > E[I]) = %.4g\n", r->var_normal,
            r->z_normal, r->p_normal);
    if (r->permutations)
        fprintf(fp, "  permutations:  %lu, p = %.4g\n", r->permutations, r->p_permutation);
}

struct printed {
    const struct options *o;
    const moran_result *r;
    size_t dropped;
};

static int write_result(FILE *fp, const void *arg, ds_err *err)
{
    const struct printed *p = arg;
    (void)err;
    if (strcmp(p->o->format, "json") == 0)
        print_json(fp, p->r, p->dropped);
    else
        print_text(fp, p->o->value, p->r, p->dropped, &p->o->moran);
    return DS_OK;
}

/* The numeric column with at least one value; an empty one would otherwise surface as
 * "0 departments with neighbours", which hides the cause. */
static int find_value(const table_t *t, const char *name, long *col, ds_err *err)
{
    size_t c;
    int rc = table_number_column(t, name, &c, err);
    if (rc)
        return rc;
    *col = (long)c;
    if (table_nrows(t) == 0)
        return ds_err_set(err, DS_EDATA, "%s: no data rows", table_name(t));
    if (table_col_missing(t, (size_t)*col) == table_nrows(t))
        return ds_err_set(err, DS_EDATA, "%s: column '%s' has no value", table_name(t), name);
    return DS_OK;
}

/* moran_compute sees bare keys; the table knows their lines, so a department given twice (01
 * and 1) is named here with both, to find the repeated or pasted row. Keys that are no
 * department are left to moran_compute, which names them. */
static int check_repeats(const table_t *t, size_t kcol, const size_t *rows, size_t n, ds_err *err)
{
    char (*codes)[GEO_CODE_MAX] = xcalloc(n ? n : 1, sizeof *codes);
    int rc = DS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *s = table_text(t, rows[i], kcol);
        if (geo_dept_canon(s, strlen(s), codes[i], NULL) != DS_OK) {
            codes[i][0] = '\0';
            continue;
        }
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(codes[j], codes[i]) == 0)
                rc = ds_err_set(err, DS_EDATA,
                                "moran: department %s appears twice: %s:%zu and %s:%zu", codes[i],
                                table_name(t), table_row_line(t, rows[j]), table_name(t),
                                table_row_line(t, rows[i]));
    }
    free(codes);
    return rc;
}

int cmd_moran(int argc, char **argv, ds_err *err)
{
    struct options o = {.format = "text", .moran = {.seed = 1}};
    int rc = parse_options(argc, argv, &o, err);
    if (rc > 0)
        return cli_finish(&cmd_moran_cli, rc);
    if (rc)
        return rc;
    table_t *t = NULL;
    size_t kcol = 0, n = 0, dropped = 0, *rows = NULL;
    const char **keys = NULL;
    double *values = NULL;
    moran_result r = {0};
    if ((rc = table_load_with(o.path, &o.load, &t, err)) || (rc = find_key(t, o.key, &kcol, err)))
        goto done;
    cli_table_notes("moran", t, 0);
    long vcol = 0;
    if ((rc = find_value(t, o.value, &vcol, err)))
        goto done;
    keys = xcalloc(table_nrows(t) + 1, sizeof *keys);
    values = xcalloc(table_nrows(t) + 1, sizeof *values);
    rows = xcalloc(table_nrows(t) + 1, sizeof *rows);
    for (size_t i = 0; i < table_nrows(t); i++) {
        if (table_is_missing(t, i, (size_t)vcol) || table_is_missing(t, i, kcol)) {
            dropped++;
            continue;
        }
        rows[n] = i;
        keys[n] = table_text(t, i, kcol);
        values[n++] = table_num(t, i, (size_t)vcol);
    }
    if ((rc = moran_key_level(keys, n, table_col_name(t, kcol), o.level, "--level", &o.moran,
                              err)))
        goto done;
    if ((o.moran.level != GEO_LEVEL_REGION && (rc = check_repeats(t, kcol, rows, n, err))) ||
        (rc = moran_compute(keys, values, n, &o.moran, &r, err)))
        goto done;
    struct printed pr = {&o, &r, dropped};
    rc = cli_write_output(o.output, write_result, &pr, err);
done:
    moran_result_free(&r);
    free(keys);
    free(values);
    free(rows);
    table_free(t);
    return rc;
}
