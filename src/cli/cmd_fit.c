/* cmd_fit: `damirstat fit DATA --model 'y ~ x'` fits a linear model and reports it as text
 * (like R's summary.lm), JSON or TSV, with optional per-row diagnostics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_fit_impl.h"
#include "cmd_impl.h"
#include "damirstat/expr.h"
#include "damirstat/geo.h"
#include "damirstat/json.h"
#include "damirstat/model.h"
#include "damirstat/moran.h"
#include "damirstat/out.h"
#include "damirstat/report.h"
#include "damirstat/table.h"

static const char about[] =
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
    "  y ~ x + factor(reg)  a dummy a level but the first (R's sort order), as R's factor();\n"
    "                     factor(reg, ref = \"11\") makes level 11 the baseline. A department\n"
    "                     or region key column (named like dep, dpt, reg) reads 1, 01, 001 as\n"
    "                     one level; any other column keeps its text (01 and 1 are two levels)\n"
    "  y ~ a:b, y ~ a*b   interaction a:b (a product, or a dummy per level and number, or per\n"
    "                     pair of levels); a*b is a + b + a:b, coded as R's model.matrix codes\n"
    "  y ~ x + z | reg + year   absorbed fixed effects, as fixest::feols: the same slopes as\n"
    "                     the dummies, their levels reported, no (Intercept); singletons kept\n"
    "Terms that are exactly collinear are not estimated (shown as NA, as R does) and named in\n"
    "a warning.\n"
    "\n"
    "Clustered standard errors (--cluster): CR1 by default, as fixest and Stata (k counts the\n"
    "slopes and the fixed effects' parameters, one for a fixed effect nested in the clusters);\n"
    "with fewer than about 30 clusters the text report says CR1 is optimistic and what to run:\n"
    "--se cr2 (Bell-McCaffrey with Satterthwaite df, as clubSandwich) or --wild-bootstrap B.\n"
    "\n"
    "Counts with an exposure: --family poisson|quasipoisson|negbin fits a log-linear model by\n"
    "IRLS as R's glm and MASS::glm.nb (deviance, null deviance, dispersion, AIC, theta), with\n"
    "--offset 'log(pop)' for the exposure and --exp for rate ratios; z tests (t for a\n"
    "quasi-Poisson with the classical covariance) and Wald intervals (confint.default).\n"
    "\n"
    "Rows with Cook's distance above 4/n are listed (text report, or stderr for json/tsv);\n"
    "a condition number above 1e10 of the unit-norm design is warned about on stderr.\n"
    "The report and the residuals cannot both go to stdout: with --residuals -, give -o.";

struct fit_cli {
    const char *data, *model, *format, *residuals, *key, *output, *moran_level;
    char *cluster_list; /* --cluster's value, split at the comma into opt.cluster */
    model_options opt;
    int moran, quiet;
    moran_options moran_opt;
    table_load_opts load;
    struct fit_spatial sp;
};

enum { O_MODEL, O_WEIGHT, O_SE, O_METHOD, O_LEVEL, O_FORMAT, O_RESIDUALS, O_KEY, O_OUTPUT,
       O_DELIMITER, O_SKIP, O_QUIET, O_MORAN, O_PERMUTATIONS, O_NEIGHBOURS, O_CLUSTER,
       O_WILD, O_SEED, O_TERM, O_FAMILY, O_OFFSET, O_EXP, O_TEST, O_MORAN_LEVEL };

static const cli_opt options[] = {
    {"model", 0, "FORMULA", O_MODEL, "the formula (required)", NULL},
    {"weight", 0, "COL", O_WEIGHT, "weighted least squares with weights from COL (0 or more; "
     "as in R's lm, rows of weight 0 are left out of the fit and counted)", NULL},
    {"se", 0, "KIND", O_SE, "classical (default), heteroskedasticity-consistent hc0, hc1, "
     "hc2, hc3 (as R's sandwich::vcovHC, also on a count model), with --cluster cr1 (the "
     "default there) or cr2, or conley:KM (Conley's spatial HAC: Bartlett kernel over the "
     "great-circle distances between the departments' centroids up to KM km; "
     "conley-uniform:KM for a uniform kernel; units: the --key column); term tests, intervals and the "
     "F-statistic use them (the robust Wald F of lmtest::waldtest(m, vcov = ...); the text "
     "also gives summary.lm's classical F; with cr2 the F stays the classical one)", NULL},
    {"cluster", 0, "COL[,COL2]", O_CLUSTER, "clustered standard errors by one or two columns: "
     "CR1 as fixest and Stata, G/(G-1) (n-1)/(n-k) and t on G-1 df (two-way: V1 + V2 - V12, "
     "G the smaller count); rows missing a cluster are dropped", NULL},
    {"wild-bootstrap", 0, "B", O_WILD, "restricted wild cluster bootstrap of one term (--term) "
     "with B draws, as Stata's boottest: Rademacher weights (Webb's six points below 12 "
     "clusters; every sign vector once when 2^G <= B), symmetric p-value and CI by test "
     "inversion; needs one --cluster", NULL},
    {"term", 0, "NAME", O_TERM, "the term --wild-bootstrap tests, as the coefficients name it "
     "(default: the first after the intercept)", NULL},
    {"seed", 0, "N", O_SEED, "seed of the wild bootstrap and of the impact draws (default "
     "1): the same seed gives the same draws and result on every run", NULL},
    {"method", 0, "M", O_METHOD, "ols (default); huber or bisquare M-estimation (GSL's robust "
     "fit, tuning 1.345 and 4.685 as MASS::rlm, but GSL adjusts residuals for leverage and "
     "estimates the scale its own way, so estimates differ from rlm's by a few per cent; "
     "GSL's robust standard errors)", NULL},
    {"family", 0, "F", O_FAMILY, "gaussian (default: least squares), or counts with a log "
     "link: poisson, quasipoisson (dispersion estimated from the Pearson residuals, as R's "
     "quasipoisson) or negbin (negative binomial, theta estimated as MASS::glm.nb). Counts "
     "must be whole numbers >= 0 (quasipoisson takes any value >= 0)", NULL},
    {"offset", 0, "EXPR", O_OFFSET, "added to the linear predictor of a count model, with a "
     "coefficient of 1: 'log(pop)' makes the model one of rates per unit of pop (R's offset "
     "= log(pop)); a missing cell drops the row, an exposure <= 0 is an error", NULL},
    {"exp", 0, NULL, O_EXP, "also report exp(estimate) and exp of its interval: rate ratios "
     "of a count model (exp(coef(m)), exp(confint.default(m)))", NULL},
    {"test", 0, "TERMS", O_TEST, "joint Wald test that the terms are all 0, with the --se "
     "covariance: 'share_*' (a prefix), 'x1,x2', or 'factor(reg)' (its dummies). F for least squares and quasipoisson, "
     "chi-squared for poisson and negbin (lmtest::waldtest(vcov = ...), "
     "car::linearHypothesis)", NULL},
    {"level", 0, "L", O_LEVEL, "confidence level of the intervals (default 0.95)", NULL},
    {"format", 0, "text|json|tsv", O_FORMAT, "output format (default text, like R's "
     "summary.lm; tsv: a row per term)", NULL},
    {"residuals", 0, "FILE", O_RESIDUALS, "write per row: key, fitted, residual, standardised "
     "residual, leverage, Cook's distance (CSV, as R's fitted, residuals, rstandard, "
     "hatvalues, cooks.distance); '-' is stdout, and the report then needs -o", NULL},
    {"key", 0, "COL", O_KEY, "name rows by COL (a department code also shows its name); "
     "default: the first column when it holds text (as in studies), else the row number",
     NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    CLI_OPT_DELIMITER(O_DELIMITER),
    CLI_OPT_SKIP(O_SKIP),
    CLI_OPT_QUIET(O_QUIET),
    {"moran", 0, NULL, O_MORAN, "Moran's I of the residuals over department contiguity (the "
     "--key column, by default the first, holds department codes): department rows are "
     "rarely independent, and a positive I means the standard errors above are too small. As R's spdep::lm.morantest (one-sided, "
     "I > E[I]): departments without a neighbour among the rows (overseas) are left out and "
     "listed, the model is refitted on the others, and E[I] and Var[I] allow for the fit; "
     "with --weight, on the weighted residuals √w·e as lm.morantest does. huber/bisquare "
     "fits are tested as a variable (spdep's moran.test).", NULL},
    {"permutations", 0, "N", O_PERMUTATIONS, "permutation test of Moran's I on the residuals "
     "(default 999; 0 for none); conditional on the fit, a rough check beside the z test",
     NULL},
    {"moran-level", 0, "L", O_MORAN_LEVEL, "--moran: region or department (default: from the "
     "--key column's name, else its codes; regions use region contiguity)", NULL},
    {"neighbours", 0, "SPEC", O_NEIGHBOURS, FIT_NEIGHBOURS_HELP, NULL},
    FIT_SPATIAL_OPTIONS
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err);

const cli_cmd cmd_fit_cli = {
    "fit",
    "fit a linear model (R formula) with GSL",
    "DATA --model 'y ~ x1 + x2' [--weight COL]\n"
    "    [--se classical|hc0|hc1|hc2|hc3|cr1|cr2] [--cluster COL[,COL2]]\n"
    "    [--wild-bootstrap B [--term NAME] [--seed N]] [--method ols|huber|bisquare]\n"
    "    [--family poisson|quasipoisson|negbin [--offset 'log(pop)'] [--exp]] [--test TERMS]\n"
    "    [--format text|json|tsv] [--residuals FILE] [--key COL]\n"
    "    [--moran] [--lm-tests] [--spatial error|lag|durbin|slx]\n"
    "    [--neighbours contiguity|knn:K|band:KM|FILE] [-o FILE] [OPTIONS]",
    about,
    options,
    "# GP density versus GP visits per affiliate, one row a department\n"
    "damirstat fit dept.csv --model 'acte_affilies ~ densite_medecins' --se hc3 --key dept\n"
    "# region fixed effects, standard errors clustered by region, and the wild bootstrap\n"
    "damirstat fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' \\\n"
    "    --cluster reg_2016 --wild-bootstrap 9999\n"
    "# GP acts as counts with the affiliates as exposure; rate ratios; the age shares' joint test\n"
    "damirstat fit dept.csv --model 'nb_actes ~ densite_medecins + share_*' --family negbin \\\n"
    "    --offset 'log(pop_affiliee)' --exp --test 'share_*'\n"
    "# residuals to a pipe, the report to a file\n"
    "damirstat fit dept.csv --model 'visits ~ density' --key dep --residuals - -o fit.txt \\\n"
    "    | sort -t, -k3 -g | head\n"
    "# spatial error model of the 2013 table, with the LM tests that choose it\n"
    "damirstat fit damir2013_2.csv --model 'acte_affilies ~ densite_medecins' --key codep \\\n"
    "    --lm-tests --spatial error",
    set_option,
    NULL,
};

/* --cluster COL or COL1,COL2 into opt.cluster. */
static int cluster_option(struct fit_cli *o, const char *v, ds_err *err)
{
    free(o->cluster_list);
    o->cluster_list = xstrdup(v);
    char *comma = strchr(o->cluster_list, ',');
    if (comma)
        *comma = '\0';
    o->opt.cluster[0] = o->cluster_list;
    o->opt.cluster[1] = comma ? comma + 1 : NULL;
    o->opt.ncluster = comma ? 2 : 1;
    if (!*o->opt.cluster[0] || (comma && (!comma[1] || strchr(comma + 1, ','))))
        return ds_err_set(err, DS_EUSAGE, "fit: --cluster expects COL or COL1,COL2, got '%s'",
                          v);
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"text", "json", "tsv"};
    struct fit_cli *o = ctx;
    unsigned long long n = 0;
    int i = 0, rc = DS_OK;
    char *end;
    switch (id) {
    case O_MODEL: o->model = v; break;
    case O_WEIGHT: o->opt.weight = v; break;
    case O_RESIDUALS: o->residuals = v; break;
    case O_KEY: o->key = v; break;
    case O_OUTPUT: o->output = v; break;
    case O_NEIGHBOURS: return fit_spatial_neighbours(&o->sp, v, err);
    case O_MORAN: o->moran = 1; break;
    case O_MORAN_LEVEL: o->moran_level = v; break;
    case O_QUIET: o->quiet = 1; break;
    case O_OFFSET: o->opt.offset = v; break;
    case O_EXP: o->opt.exp = 1; break;
    case O_TEST: o->opt.test = v; break;
    case O_FAMILY:
        if (model_family_parse(v, &o->opt.family))
            return ds_err_set(err, DS_EUSAGE, "fit: --family expects gaussian, poisson, "
                                              "quasipoisson or negbin, got '%s'", v);
        break;
    case O_DELIMITER: return cli_parse_delim("fit", "--delimiter", v, &o->load.delim, err);
    case O_SKIP: return cli_parse_lines("fit", "--skip", v, &o->load.skip_lines, err);
    case O_PERMUTATIONS:
        rc = cli_parse_count("fit", "--permutations", v, &n, err);
        o->moran_opt.permutations = (unsigned long)n;
        break;
    case O_SE:
        if ((rc = fit_spatial_se(&o->sp, v, err)) <= 0)
            return rc;
        rc = DS_OK;
        if (model_se_parse(v, &o->opt.se)) {
            char names[128];
            model_name_list(MODEL_NAMES_SE, names, sizeof names);
            return ds_err_set(err, DS_EUSAGE, "fit: --se expects %s:KM, got '%s'", names, v);
        }
        break;
    case O_CLUSTER: return cluster_option(o, v, err);
    case O_TERM: o->opt.wild_term = v; break;
    case O_WILD:
        rc = cli_parse_count("fit", "--wild-bootstrap", v, &n, err);
        if (!rc && n == 0)
            rc = ds_err_set(err, DS_EUSAGE, "fit: --wild-bootstrap expects 1 draw or more");
        o->opt.wild_bootstrap = (size_t)n;
        break;
    case O_SEED:
        rc = cli_parse_count("fit", "--seed", v, &n, err);
        o->opt.seed = n;
        break;
    case O_METHOD:
        if (model_method_parse(v, &o->opt.method))
            return ds_err_set(err, DS_EUSAGE, "fit: --method expects ols, huber or bisquare, "
                                              "got '%s'", v);
        break;
    case O_LEVEL:
        o->opt.level = strtod(v, &end);
        if (!*v || *end || !(o->opt.level > 0 && o->opt.level < 1))
            return ds_err_set(err, DS_EUSAGE, "fit: --level expects a number between 0 and 1, "
                                              "got '%s'", v);
        break;
    case O_FORMAT:
        if ((rc = cli_parse_choice("fit", "--format", v, formats, 3, &i, err)) == DS_OK)
            o->format = formats[i];
        break;
    default: return fit_spatial_option(&o->sp, id, v, err);
    }
    return rc;
}

static int to_stdout(const char *path)
{
    return !path || strcmp(path, "-") == 0;
}

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct fit_cli *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_fit_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "fit: expected one DATA file, got %d (see damirstat "
                                          "fit --help)", n);
    o->data = argv[1];
    if (!o->model)
        return ds_err_set(err, DS_EUSAGE, "fit: --model 'y ~ x' is required");
    if (o->moran && o->opt.family != MODEL_GAUSSIAN)
        return ds_err_set(err, DS_EUSAGE, "fit: --moran tests least-squares residuals "
                          "(spdep's lm.morantest); it does not apply to --family %s",
                          model_family_name(o->opt.family));
    if ((o->opt.offset || o->opt.exp) && o->opt.family == MODEL_GAUSSIAN)
        return ds_err_set(err, DS_EUSAGE, "fit: %s needs a count model: --family poisson, "
                          "quasipoisson or negbin", o->opt.offset ? "--offset" : "--exp");
    expr_t *offset = NULL;
    ds_err perr;
    ds_err_clear(&perr);
    int bad = o->opt.offset && expr_parse(o->opt.offset, &offset, &perr);
    expr_free(offset);
    if (bad)
        return ds_err_set(err, DS_EUSAGE, "fit: --offset: %s", perr.msg);
    if ((rc = fit_spatial_check(&o->sp, &o->opt, o->key, 0, err)))
        return rc;
    /* one stream a destination: a CSV to pipe must not have a report in it */
    if (o->residuals && to_stdout(o->residuals) && to_stdout(o->output))
        return ds_err_set(err, DS_EUSAGE, "fit: --residuals - and the report would both go to "
                          "stdout: write the report with -o FILE (or the residuals to a file)");
    if (cli_same_file(o->residuals, o->output))
        return ds_err_set(err, DS_EUSAGE, "fit: --residuals %s and -o %s name one file: the "
                          "report would replace the residuals; give two names", o->residuals,
                          o->output);
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
    size_t col;
    int rc = table_column(t, key, "key", &col, err);
    if (rc)
        return rc;
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
static void warn(const model_fit *f, char **labels, int text_format, int quiet)
{
    if (quiet)
        return;
    model_warnings(stderr, f, "damirstat: fit: warning: ", "\n");
    fit_spatial_warn(stderr, f->spatial);
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
    long kc = table_col_index(t, o->key);
    const char **keys = xmalloc((f->n + 1) * sizeof *keys);
    for (size_t i = 0; kc >= 0 && i < f->n; i++)
        keys[i] = table_text(t, f->rows[i], (size_t)kc);
    moran_options mo = o->moran_opt;
    int rc = kc < 0 ? DS_OK
                    : moran_key_level(keys, f->n, o->key, o->moran_level, "--moran-level", &mo,
                                      err);
    free(keys);
    if (rc == DS_OK)
        rc = moran_fit_residuals(t, f, &o->opt, o->key, &mo, m, err);
    if (rc && err->code != DS_EIO) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg + (strncmp(err->msg, "moran: ", 7) ? 0 : 7));
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
        return rc ? rc : spatial_text(stderr, f->spatial, err);
    }
    rc = report_fit_text(f, &dl, fp, err);
    if (!rc && m)
        moran_text(fp, f, m);
    return rc ? rc : spatial_text(fp, f->spatial, err);
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

static int fit_and_report(struct fit_cli *o, ds_err *err);

int cmd_fit(int argc, char **argv, ds_err *err)
{
    struct fit_cli o = {.format = "text", .moran_opt = {.permutations = 999, .seed = 1}};
    model_options_default(&o.opt);
    fit_spatial_init(&o.sp);
    o.moran_opt.weights = &o.sp.rq.weights;
    o.opt.seed = 1;
    int rc = parse_options(argc, argv, &o, err);
    if (rc) {
        free(o.cluster_list);
        return rc > 0 ? cli_finish(&cmd_fit_cli, rc) : rc;
    }
    rc = fit_and_report(&o, err);
    free(o.cluster_list);
    return rc;
}

static int fit_and_report(struct fit_cli *o, ds_err *err)
{
    int rc;
    table_t *t = NULL;
    model_fit *f = NULL;
    char **keys = NULL, **labels = NULL;
    if ((rc = table_load_with(o->data, &o->load, &t, err)))
        return rc;
    if (!o->key && table_label_column(t) >= 0) /* as a study's fit names its rows */
        o->key = table_col_name(t, (size_t)table_label_column(t));
    cli_table_notes("fit", t, o->quiet);
    o->sp.rq.key_col = o->key; /* given, or the one found (as --moran finds it) */
    if ((rc = fit_spatial_check(&o->sp, &o->opt, o->key, 1, err))) {
        table_free(t);
        return rc;
    }
    /* A mistyped formula is a bad option value (status 2, as a bad --where); a formula
     * naming a column the data lacks is bad data (1). */
    char *formula = model_formula_expand(o->model, t);
    ds_err perr;
    ds_err_clear(&perr);
    if (model_formula_check(formula, &perr)) {
        free(formula);
        table_free(t);
        return ds_err_set(err, DS_EUSAGE, "fit: %s", perr.msg);
    }
    rc = model_fit_formula(t, formula, &o->opt, &f, err);
    free(formula);
    if (!rc)
        rc = row_labels(t, f, o->key, &keys, &labels, err);
    /* Model errors name the command; loader and output errors already name their file. */
    if (rc && err->code != DS_EIO && strncmp(err->msg, "fit: ", 5) != 0) {
        size_t n = strlen(err->msg);
        if (n + 6 < sizeof err->msg) {
            memmove(err->msg + 5, err->msg, n + 1);
            memcpy(err->msg, "fit: ", 5);
        }
    }
    moran_result m = {0};
    spatial_result sr = {0};
    if (!rc && o->moran)
        rc = residual_moran(o, t, f, &m, err);
    if (!rc)
        rc = fit_spatial_run(&o->sp, t, f, &o->opt, &sr, err);
    if (!rc) {
        warn(f, labels, strcmp(o->format, "text") == 0, o->quiet);
        rc = write_outputs(o, f, keys, labels, o->moran ? &m : NULL, err);
    }
    moran_result_free(&m);
    spatial_result_free(&sr);
    if (f) {
        free_labels(keys, f->n);
        free_labels(labels, f->n);
    }
    model_fit_free(f);
    table_free(t);
    return rc;
}
