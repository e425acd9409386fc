/* cmd_fit: `damirstat fit DATA --model 'y ~ x'` fits a linear model and reports it as text
 * (like R's summary.lm), JSON or TSV, with optional per-row diagnostics. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "damirstat/cmd.h"
#include "damirstat/geo.h"
#include "damirstat/json.h"
#include "damirstat/model.h"
#include "damirstat/moran.h"
#include "damirstat/out.h"
#include "damirstat/report.h"
#include "damirstat/table.h"

static const char usage_text[] =
    "Usage: damirstat fit DATA --model 'y ~ x1 + x2' [--weight COL]\n"
    "                     [--se classical|hc0|hc1|hc2|hc3] [--method ols|huber|bisquare]\n"
    "                     [--level 0.95] [--format text|json|tsv] [--residuals FILE]\n"
    "                     [--key COL] [--moran [--permutations N] [--neighbours FILE]]\n"
    "                     [-o FILE]\n"
    "\n"
    "Fits a linear model to the table DATA (CSV, ';' or tab; '-' is standard input) by least\n"
    "squares (Householder QR in extended precision, certified on the NIST StRD sets) and\n"
    "reports each term's estimate, standard error, t value, two-sided p-value and confidence\n"
    "interval, and the fit's n, residual df, residual standard error, R-squared, adjusted\n"
    "R-squared, F-statistic, log-likelihood, AIC and BIC, as R's lm, summary and logLik do.\n"
    "Rows with a missing value in any variable of the model are dropped and counted.\n"
    "\n"
    "Formula language (a subset of R's):\n"
    "  y ~ a + b          response y, terms a and b, with an intercept\n"
    "  y ~ a - 1          no intercept (also: y ~ 0 + a)\n"
    "  y ~ a + I(a^2)     arithmetic inside I(): + - * / ^, parentheses, numbers, and the\n"
    "                     functions log (natural), log10, exp, sqrt, abs, min(a, b), max(a, b);\n"
    "                     -2^2 is -4 and 2^3^2 is 512, as in R\n"
    "  log(y) ~ log(a)    a function of one column is a term by itself (also on the left)\n"
    "  y ~ `pop 2013`     backquotes around a column name with spaces or symbols\n"
    "  y ~ a + share_*    every column whose name starts with share_ (outside parentheses;\n"
    "                     not R, but the 18 age shares of the 2013 study need not be spelled)\n"
    "Interactions (a*b, a:b) are not supported: write I(a * b). Terms that are exactly\n"
    "collinear are not estimated (shown as NA, as R does) and named in a warning.\n"
    "\n"
    "Options:\n"
    "  --model F        the formula (required)\n"
    "  --weight COL     weighted least squares with weights from COL (0 or more; as in R's\n"
    "                   lm, rows of weight 0 are left out of the fit and counted)\n"
    "  --se KIND        classical (default), or heteroskedasticity-consistent hc0, hc1, hc2,\n"
    "                   hc3 (as R's sandwich::vcovHC); term tests and intervals use them,\n"
    "                   the F-statistic stays the classical one (as summary.lm)\n"
    "  --method M       ols (default); huber or bisquare M-estimation (GSL's robust fit,\n"
    "                   tuning 1.345 and 4.685 as MASS::rlm, but GSL adjusts residuals for\n"
    "                   leverage and estimates the scale its own way, so estimates differ\n"
    "                   from rlm's by a few per cent; GSL's robust standard errors)\n"
    "  --level L        confidence level of the intervals (default 0.95)\n"
    "  --format F       text (default, like R's summary.lm), json or tsv (a row per term)\n"
    "  --residuals FILE write per row: key, fitted, residual, standardised residual,\n"
    "                   leverage, Cook's distance (CSV, as R's fitted, residuals, rstandard,\n"
    "                   hatvalues, cooks.distance)\n"
    "  --key COL        name rows by COL (a department code also shows its name); default:\n"
    "                   the data row number\n"
    "  -o FILE          write the report to FILE (written whole or not at all)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Rows with Cook's distance above 4/n are listed (text report, or stderr for json/tsv);\n"
    "a condition number above 1e10 of the unit-norm design is warned about on stderr.\n";

/* Second half of the help (C17 only promises 4095-byte string literals). */
static const char usage_moran_text[] =
    "\n"
    "  --moran          Moran's I of the residuals over department contiguity (needs --key\n"
    "                   with department codes): department rows are rarely independent, and\n"
    "                   a positive I means the standard errors above are too small. As R's\n"
    "                   spdep::lm.morantest (one-sided, I > E[I]): departments without a\n"
    "                   neighbour among the rows (overseas) are left out and listed, the model\n"
    "                   is refitted on the others, and E[I] and Var[I] allow for the fit;\n"
    "                   with --weight, on the weighted residuals √w·e as lm.morantest does.\n"
    "                   huber/bisquare fits are tested as a variable (spdep's moran.test).\n"
    "  --permutations N permutation test of Moran's I on the residuals (default 999; 0 for\n"
    "                   none); conditional on the fit, a rough check beside the z test\n"
    "  --neighbours F   dep,voisin pairs (default " MORAN_DEFAULT_NEIGHBOURS ")\n"
    "\n"
    "Example (GP density versus GP visits per affiliate, one row a department):\n"
    "  damirstat fit dept.csv --model 'acte_affilies ~ densite_medecins' --se hc3 --key dept\n";

struct fit_cli {
    const char *data, *model, *format, *residuals, *key, *output;
    model_options opt;
    int moran;
    moran_options moran_opt;
};

static int bad_option(const char *arg, int missing_value, ds_err *err)
{
    size_t n = strcspn(arg, "=");
    if (missing_value)
        return ds_err_set(err, DS_EUSAGE, "fit: option '%.*s' needs a value", (int)n, arg);
    return ds_err_set(err, DS_EUSAGE, "fit: unknown option '%.*s'", (int)n, arg);
}

static int parse_value(int c, const char *v, struct fit_cli *o, ds_err *err)
{
    char *end;
    switch (c) {
    case 'm': o->model = v; return DS_OK;
    case 'w': o->opt.weight = v; return DS_OK;
    case 'r': o->residuals = v; return DS_OK;
    case 'k': o->key = v; return DS_OK;
    case 'o': o->output = v; return DS_OK;
    case 'n': o->moran_opt.neighbours = v; return DS_OK;
    case 'P': {
        unsigned long long n = 0;
        int rc = cli_parse_count("fit", "--permutations", v, &n, err);
        o->moran_opt.permutations = (unsigned long)n;
        return rc;
    }
    case 's':
        if (model_se_parse(v, &o->opt.se))
            return ds_err_set(err, DS_EUSAGE, "fit: --se expects classical, hc0, hc1, hc2 or "
                                              "hc3, got '%s'", v);
        return DS_OK;
    case 'M':
        if (model_method_parse(v, &o->opt.method))
            return ds_err_set(err, DS_EUSAGE, "fit: --method expects ols, huber or bisquare, "
                                              "got '%s'", v);
        return DS_OK;
    case 'l':
        o->opt.level = strtod(v, &end);
        if (!*v || *end || !(o->opt.level > 0 && o->opt.level < 1))
            return ds_err_set(err, DS_EUSAGE, "fit: --level expects a number between 0 and 1, "
                                              "got '%s'", v);
        return DS_OK;
    case 'f':
        if (strcmp(v, "text") && strcmp(v, "json") && strcmp(v, "tsv"))
            return ds_err_set(err, DS_EUSAGE, "fit: --format expects text, json or tsv, got "
                                              "'%s'", v);
        o->format = v;
        return DS_OK;
    default: return ds_err_set(err, DS_EUSAGE, "fit: bad option");
    }
}

/* Returns DS_OK, a usage error, or 1 when --help was printed. */
static int parse_options(int argc, char **argv, struct fit_cli *o, ds_err *err)
{
    static const struct option longopts[] = {
        {"model", required_argument, NULL, 'm'},  {"weight", required_argument, NULL, 'w'},
        {"se", required_argument, NULL, 's'},     {"method", required_argument, NULL, 'M'},
        {"level", required_argument, NULL, 'l'},  {"format", required_argument, NULL, 'f'},
        {"residuals", required_argument, NULL, 'r'}, {"key", required_argument, NULL, 'k'},
        {"moran", no_argument, NULL, 'I'},        {"permutations", required_argument, NULL, 'P'},
        {"neighbours", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    int c, rc = DS_OK;
    opterr = 0;
    optind = 1;
    while (rc == DS_OK && (c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            fputs(usage_moran_text, stdout);
            return 1;
        }
        if (c == 'I') {
            o->moran = 1;
            continue;
        }
        if (c == ':')
            return bad_option(argv[optind - 1], 1, err);
        if (c == '?') {
            if (optopt)
                return ds_err_set(err, DS_EUSAGE, "fit: unknown option '-%c'", optopt);
            return bad_option(argv[optind - 1], 0, err);
        }
        rc = parse_value(c, optarg, o, err);
    }
    if (rc)
        return rc;
    if (argc - optind != 1)
        return ds_err_set(err, DS_EUSAGE, "fit: expected one DATA file, got %d (see damirstat "
                                          "fit --help)", argc - optind);
    o->data = argv[optind];
    if (!o->model)
        return ds_err_set(err, DS_EUSAGE, "fit: --model 'y ~ x' is required");
    if (o->moran && !o->key)
        return ds_err_set(err, DS_EUSAGE, "fit: --moran needs --key COL (department codes)");
    return DS_OK;
}

/* Keys (for the residuals file) and display labels ("13 Bouches-du-Rhône" where the key is
 * a department code) of the rows used; both NULL without --key. */
static int row_labels(const table_t *t, const model_fit *f, const char *key, char ***keys,
                      char ***labels, ds_err *err)
{
    *keys = *labels = NULL;
    if (!key)
        return DS_OK;
    long col = table_col_index(t, key);
    if (col < 0)
        return ds_err_set(err, DS_EDATA, "%s: no key column '%s'", table_name(t), key);
    *keys = xcalloc(f->n, sizeof **keys);
    *labels = xcalloc(f->n, sizeof **labels);
    for (size_t i = 0; i < f->n; i++) {
        const char *text = table_text(t, f->rows[i], (size_t)col);
        char code[GEO_CODE_MAX];
        ds_err ignored;
        ds_err_clear(&ignored);
        const char *name = geo_dept_canon(text, strlen(text), code, &ignored) == 0
                               ? geo_dept_name(code) : NULL;
        size_t len = strlen(text) + (name ? strlen(name) + 2 : 1);
        (*keys)[i] = xstrdup(text);
        (*labels)[i] = xmalloc(len);
        if (name)
            snprintf((*labels)[i], len, "%s %s", text, name);
        else
            snprintf((*labels)[i], len, "%s", text);
    }
    return DS_OK;
}

static void free_labels(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* Warnings a user must see whatever the format: aliased terms, ill-conditioning, domain
 * errors, and (for json/tsv, whose output has no room for them) influential rows. */
static void warn(const model_fit *f, char **labels, int text_format)
{
    model_warnings(stderr, f, "damirstat: fit: warning: ", "\n");
    size_t *idx, k = report_influential(f, &idx);
    if (k && !text_format && !model_essentially_perfect(f)) {
        fprintf(stderr, "damirstat: fit: rows with Cook's distance > 4/n:");
        for (size_t i = 0; i < k; i++) {
            if (labels)
                fprintf(stderr, "%s %s", i ? "," : "", labels[idx[i]]);
            else
                fprintf(stderr, "%s row %zu", i ? "," : "", f->rows[idx[i]] + 1);
        }
        fputc('\n', stderr);
    }
    free(idx);
}

static void moran_text(FILE *fp, const model_fit *f, const moran_result *m)
{
    double var, z, p;
    moran_reported(m, &var, &z, &p);
    if (m->lm)
        fprintf(fp, "Moran's I of the residuals (as spdep's lm.morantest%s, model %s the %zu "
                "departments with a neighbour", f->weights ? ", weighted residuals √w·e" : "",
                m->n_isolated ? "refitted on" : "fitted on", m->n);
    else
        fprintf(fp, "Moran's I of the residuals (%s fit, not least squares: as spdep's "
                "moran.test under randomisation, the residuals taken as a variable; %zu "
                "departments with a neighbour", model_method_name(f->method), m->n);
    for (size_t i = 0; i < m->n_isolated; i++)
        fprintf(fp, "%s%s", i ? ", " : "; left out: ", m->isolated[i]);
    fprintf(fp, "):\n  I = %.4f, E[I] = %.4f, Var[I] = %.4g, z = %.3f, p = %.3g (one-sided, "
            "I > E[I])\n", m->i, m->expected, var, z, p);
    if (m->permutations)
        fprintf(fp, "  permutation p = %.3g (%lu permutations of the residuals: conditional "
                "on the fit, a rough check)\n", m->p_permutation, m->permutations);
    if (m->i > m->expected && p < 0.05)
        fputs("Neighbouring departments have alike residuals: the standard errors above treat "
              "departments as independent and are too small.\n", fp);
}

/* The fit object with the moran object of its residuals as a last member, "moran". */
static int json_with_moran(const model_fit *f, const moran_result *m, FILE *fp, ds_err *err)
{
    json_w w;
    json_init(&w, fp);
    json_object(&w, JSON_COMPACT);
    report_fit_json_members(&w, f);
    json_key(&w, "moran");
    moran_json(&w, m, f->n_dropped);
    json_end(&w);
    putc('\n', fp);
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}

/* Moran's I of the residuals (lm.morantest, the model refitted on the departments with a
 * neighbour); its messages name the command and option, not the module. */
static int residual_moran(const struct fit_cli *o, const table_t *t, const model_fit *f,
                          moran_result *m, ds_err *err)
{
    int rc = moran_fit_residuals(t, f, &o->opt, o->key, &o->moran_opt, m, err);
    if (rc && strncmp(err->msg, "moran: ", 7) == 0) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg + 7);
        ds_err_clear(err);
        rc = ds_err_set(err, rc, "fit: --moran: %s", msg);
    }
    return rc;
}

/* The fit in the chosen format, with Moran's I of the residuals when asked. */
static int write_report(const struct fit_cli *o, const model_fit *f, char **labels,
                        const moran_result *m, FILE *fp, ds_err *err)
{
    report_labels dl = {(const char *const *)labels, o->key};
    int rc;
    if (strcmp(o->format, "json") == 0)
        return m ? json_with_moran(f, m, fp, err) : report_fit_json(f, fp, err);
    if (strcmp(o->format, "tsv") == 0) {
        rc = report_fit_tsv(f, fp, err);
        if (!rc && m)
            moran_text(stderr, f, m);
        return rc;
    }
    rc = report_fit_text(f, &dl, fp, err);
    if (!rc && m)
        moran_text(fp, f, m);
    return rc;
}

static int write_outputs(const struct fit_cli *o, const model_fit *f, char **keys,
                         char **labels, const moran_result *m, ds_err *err)
{
    out_t *res = NULL, *out = NULL;
    int rc = DS_OK;
    if (o->residuals) {
        report_labels kl = {(const char *const *)keys, o->key};
        if ((rc = out_open(o->residuals, &res, err)))
            return rc;
        if ((rc = report_fit_residuals(f, &kl, out_stream(res), err)))
            return out_fail(res, rc, err);
    }
    if ((rc = out_open(o->output, &out, err))) {
        out_abort(res);
        return rc;
    }
    if ((rc = write_report(o, f, labels, m, out_stream(out), err))) {
        out_abort(res);
        return out_fail(out, rc, err);
    }
    if (res && (rc = out_commit(res, err))) {
        out_abort(out);
        return rc;
    }
    return out_commit(out, err);
}

int cmd_fit(int argc, char **argv, ds_err *err)
{
    struct fit_cli o = {.format = "text", .moran_opt = {.permutations = 999, .seed = 1}};
    model_options_default(&o.opt);
    int rc = parse_options(argc, argv, &o, err);
    if (rc)
        return rc == 1 ? DS_OK : rc;
    table_t *t = NULL;
    model_fit *f = NULL;
    char **keys = NULL, **labels = NULL;
    if ((rc = table_load(o.data, &t, err)))
        return rc;
    /* A mistyped formula is a bad option value (status 2, as a bad --where); a formula
     * naming a column the data lacks is bad data (1). */
    char *formula = model_formula_expand(o.model, t);
    ds_err perr;
    ds_err_clear(&perr);
    if (model_formula_check(formula, &perr)) {
        free(formula);
        table_free(t);
        return ds_err_set(err, DS_EUSAGE, "fit: %s", perr.msg);
    }
    rc = model_fit_formula(t, formula, &o.opt, &f, err);
    free(formula);
    if (!rc)
        rc = row_labels(t, f, o.key, &keys, &labels, err);
    /* Model errors name the command; loader and output errors already name their file. */
    if (rc && err->code != DS_EIO && strncmp(err->msg, "fit: ", 5) != 0) {
        size_t n = strlen(err->msg);
        if (n + 6 < sizeof err->msg) {
            memmove(err->msg + 5, err->msg, n + 1);
            memcpy(err->msg, "fit: ", 5);
        }
    }
    moran_result m = {0};
    if (!rc && o.moran)
        rc = residual_moran(&o, t, f, &m, err);
    if (!rc) {
        warn(f, labels, strcmp(o.format, "text") == 0);
        rc = write_outputs(&o, f, keys, labels, o.moran ? &m : NULL, err);
    }
    moran_result_free(&m);
    if (f) {
        free_labels(keys, f->n);
        free_labels(labels, f->n);
    }
    model_fit_free(f);
    table_free(t);
    return rc;
}
