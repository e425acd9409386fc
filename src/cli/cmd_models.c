/* cmd_models: `damirstat models RESULTS.json` — the fits of a study (or fit objects) side by
 * side, as modelsummary or stargazer would set them, in Markdown, HTML or LaTeX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_impl.h"
#include "damirstat/regtable.h"

enum { O_FORMAT, O_OUTPUT, O_STARS, O_OMIT, O_FITS };

struct models_cli {
    const char *format, *output;
    regtable_options opt;
    const char *omit[33];
    size_t nomit;
    char *fits[REGTABLE_MAX_CHOSEN + 1]; /* --fits a,b,c split at the commas */
    size_t nfits;
};

static const cli_opt options[] = {
    {"format", 0, "md|html|tex", O_FORMAT, "Markdown (default), an HTML <table>, or LaTeX "
     "(booktabs)", NULL},
    {"stars", 0, NULL, O_STARS, "stars after the estimates: * p < 0.05, ** p < 0.01, *** p < "
     "0.001", NULL},
    {"omit", 0, "TERM", O_OMIT, "leave out a term (repeatable; 'share_*' a prefix): a row says "
     "which models have it", NULL},
    {"fits", 0, "A,B,…", O_FITS, "the columns: fit names of a results.json or column numbers "
     "from 1, in that order; 'all' for every fit (default: the study's table_fits, else all "
     "up to 6, else the first 6)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* --fits a,b,c (repeatable): the words between the commas, blanks trimmed. */
static int add_fits(struct models_cli *o, const char *v, ds_err *err)
{
    for (const char *p = v; *p;) {
        size_t n = strcspn(p, ",");
        const char *w = p;
        while (n && (*w == ' ' || *w == '\t'))
            w++, n--;
        while (n && (w[n - 1] == ' ' || w[n - 1] == '\t'))
            n--;
        if (!n)
            return ds_err_set(err, DS_EUSAGE, "models: --fits: an empty name in '%s'", v);
        if (o->nfits >= REGTABLE_MAX_CHOSEN)
            return ds_err_set(err, DS_EUSAGE, "models: --fits: at most %d", REGTABLE_MAX_CHOSEN);
        o->fits[o->nfits] = xmalloc(n + 1);
        memcpy(o->fits[o->nfits], w, n);
        o->fits[o->nfits++][n] = '\0';
        p += strcspn(p, ",");
        p += *p == ',';
    }
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"md", "html", "tex"};
    struct models_cli *o = ctx;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_FORMAT:
        if ((rc = cli_parse_choice("models", "--format", v, formats, 3, &i, err)) == DS_OK)
            o->format = formats[i];
        break;
    case O_OUTPUT: o->output = v; break;
    case O_STARS: o->opt.stars = 1; break;
    case O_OMIT:
        if (o->nomit + 1 >= sizeof o->omit / sizeof o->omit[0])
            return ds_err_set(err, DS_EUSAGE, "models: --omit: at most 32");
        o->omit[o->nomit++] = v;
        break;
    case O_FITS:
        return add_fits(o, v, err);
    default: break;
    }
    return rc;
}

const cli_cmd cmd_models_cli = {
    "models",
    "fits side by side: a regression table in Markdown, HTML or LaTeX",
    "RESULTS.json [--fits A,B,…] [--format md|html|tex] [--stars] [--omit TERM] [-o FILE]",
    "A regression table of the fits in RESULTS.json (a study's results.json, the output of\n"
    "`fit --format json`, or a JSON array of such fit objects): one column a model, headed by\n"
    "its label; a row a term with the estimate and, beneath it, its standard error in\n"
    "parentheses; then n, R², the method, the type of standard errors and, when a model has\n"
    "them, fixed effects, clusters, the GLM family, dispersion, theta and the spatial model.\n"
    "--fits chooses the columns (names of a results.json's fits, or numbers from 1); without\n"
    "it, the study's [report] table_fits, else every fit up to 6, else the first 6, with a\n"
    "line under the table saying so.\n"
    "Numbers: three decimals from 0.1 up, three significant digits below. The numbers are\n"
    "those of the fit objects (docs/json.md); the study's report.md and report.html carry\n"
    "the same table. A fit with a spatial model (fit --spatial) is shown as that model: its\n"
    "coefficients, n and standard errors (ML: asymptotic), not those of the OLS fit beside it.",
    options,
    "damirstat models out/density-visits-2013/results.json\n"
    "damirstat models out/density-visits-2013/results.json --fits simple,age,age_fe "
    "--omit 'share_*' --format tex -o table1.tex",
    set_option,
};

struct printed {
    const regtable *t;
    const struct models_cli *o;
};

static int write_table(FILE *fp, const void *arg, ds_err *err)
{
    const struct printed *p = arg;
    regtable_format fmt = strcmp(p->o->format, "html") == 0  ? REGTABLE_HTML
                          : strcmp(p->o->format, "tex") == 0 ? REGTABLE_TEX
                                                             : REGTABLE_MD;
    return regtable_write(p->t, &p->o->opt, fmt, fp, err);
}

static int models_run(struct models_cli *o, int argc, char **argv, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_models_cli, argc, argv, o, &n, err);
    if (rc > 0)
        return cli_finish(&cmd_models_cli, rc);
    if (rc)
        return rc;
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "models: expected one RESULTS.json (see damirstat "
                          "models --help)");
    regtable *t = NULL;
    if ((rc = regtable_read(argv[1], &t, err)) == DS_OK &&
        (rc = regtable_select(t, (const char *const *)o->fits, o->nfits, err)) != DS_OK) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        err->code = DS_OK; /* set again, with where it came from */
        ds_err_set(err, rc, "models: --fits: %s: %s", argv[1], why);
    }
    if (rc == DS_OK) {
        struct printed p = {t, o};
        rc = cli_write_output(o->output, write_table, &p, err);
    }
    regtable_free(t);
    return rc;
}

int cmd_models(int argc, char **argv, ds_err *err)
{
    struct models_cli o;
    memset(&o, 0, sizeof o);
    o.format = "md";
    o.opt.omit = o.omit;
    int rc = models_run(&o, argc, argv, err);
    for (size_t i = 0; i < o.nfits; i++) /* on every path: --fits copies its names */
        free(o.fits[i]);
    return rc;
}
