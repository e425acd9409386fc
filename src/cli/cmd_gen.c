/* damirstat gen: writes DAMIR-shaped monthly files with planted effects (see gen.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/gen.h"
#include "damirstat/geo.h"
#include "damirstat/job.h"
#include "damirstat/out.h"
#include "damirstat/table.h"

struct gen_opts {
    gen_params p;
    const char *dir, *truth, *departements, *medecins, *activite;
    int gzip_level;
    long threads;
};

static int bad_value(const char *opt, const char *v, const char *want, ds_err *err)
{
    return ds_err_set(err, DS_EUSAGE, "gen: %s: expected %s, got '%s'", opt, want, v);
}

static int parse_u64(const char *opt, const char *v, uint64_t min, uint64_t *out, ds_err *err)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || x < min)
        return bad_value(opt, v, min ? "a positive integer" : "a non-negative integer", err);
    *out = x;
    return DS_OK;
}

static int parse_num(const char *opt, const char *v, double *out, ds_err *err)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (!*v || *end || errno || !isfinite(x))
        return bad_value(opt, v, "a number", err);
    *out = x;
    return DS_OK;
}

static int parse_noise(const char *opt, const char *v, double *out, ds_err *err)
{
    int rc = parse_num(opt, v, out, err);
    if (!rc && *out < 0)
        return bad_value(opt, v, "a standard deviation >= 0", err);
    return rc;
}

enum { O_SEED, O_ROWS, O_MONTHS, O_GEO, O_GZIP, O_GZIP_LEVEL, O_OUTPUT, O_TRUTH, O_INTERCEPT,
       O_SLOPE, O_NOISE, O_SPENDING_INTERCEPT, O_SPENDING_SLOPE, O_SPENDING_NOISE, O_GP_SHARE,
       O_DEPARTEMENTS, O_MEDECINS, O_ACTIVITE, O_THREADS };

static const cli_opt options[] = {
    {"output", 'o', "DIR", O_OUTPUT, "output folder (required), created if missing", NULL},
    {"seed", 0, "S", O_SEED, "random seed (default 1); same seed, same bytes", NULL},
    {"rows", 0, "N", O_ROWS, "rows over all months (default 100000)", NULL},
    {"months", 0, "FROM[-TO]", O_MONTHS, "processing months YYYYMM (default 202401-202412)",
     NULL},
    {"geo", 0, "region|dept", O_GEO, "dept adds BEN_RES_DPT right after BEN_RES_REG (default "
     "region)", NULL},
    {"gzip", 0, NULL, O_GZIP, "write .csv.gz (level 1 unless --gzip-level says otherwise)",
     NULL},
    {"gzip-level", 0, "L", O_GZIP_LEVEL, "gzip level 1-9 (implies --gzip)", NULL},
    {"truth", 0, "FILE", O_TRUTH, "write the JSON manifest of planted values and exact totals",
     NULL},
    {"intercept", 0, "A", O_INTERCEPT, "A of the GP acts (default 3.3)", NULL},
    {"slope", 0, "B", O_SLOPE, "B of the GP acts (default 0.005)", NULL},
    {"noise", 0, "SD", O_NOISE, "SD of the GP acts (default 0.3)", NULL},
    {"spending-intercept", 0, "C", O_SPENDING_INTERCEPT, "C of the GP spending (default 134)",
     NULL},
    {"spending-slope", 0, "K", O_SPENDING_SLOPE, "K of the GP spending (default -1)", NULL},
    {"spending-noise", 0, "TAU", O_SPENDING_NOISE, "TAU of the GP spending (default 5)", NULL},
    {"gp-share", 0, "P", O_GP_SHARE, "share of rows that are planted GP rows (default 0.12)",
     NULL},
    {"departements", 0, "FILE", O_DEPARTEMENTS, "default external-data/departements.csv",
     NULL},
    {"medecins", 0, "FILE", O_MEDECINS, "default external-data/medecins-departements.csv",
     NULL},
    {"activite", 0, "FILE", O_ACTIVITE, "default external-data/activite-physique.csv, else the "
     "synthetic-activite-physique.csv stand-in", NULL},
    {"threads", 'j', "N", O_THREADS, "months written in parallel (default: all cores)", NULL},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* The options that take a number, with the field each fills. */
static double *number_field(struct gen_opts *o, int id)
{
    switch (id) {
    case O_INTERCEPT: return &o->p.visits_intercept;
    case O_SLOPE: return &o->p.visits_slope;
    case O_NOISE: return &o->p.visits_noise;
    case O_SPENDING_INTERCEPT: return &o->p.spending_intercept;
    case O_SPENDING_SLOPE: return &o->p.spending_slope;
    case O_SPENDING_NOISE: return &o->p.spending_noise;
    case O_GP_SHARE: return &o->p.gp_share;
    default: return NULL;
    }
}

static int set_number(struct gen_opts *o, int id, const char *name, const char *v, ds_err *err)
{
    double *field = number_field(o, id);
    if (id == O_NOISE || id == O_SPENDING_NOISE)
        return parse_noise(name, v, field, err);
    int rc = parse_num(name, v, field, err);
    if (!rc && id == O_GP_SHARE && !(*field > 0 && *field < 1))
        return bad_value(name, v, "a share between 0 and 1", err);
    return rc;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    struct gen_opts *o = ctx;
    char name[32] = "";
    for (const cli_opt *opt = options; opt->name; opt++)
        if (opt->id == id)
            snprintf(name, sizeof name, "--%s", opt->name);
    uint64_t u = 0;
    int rc = DS_OK;
    switch (id) {
    case O_SEED: return parse_u64(name, v, 0, &o->p.seed, err);
    case O_ROWS: return parse_u64(name, v, 1, &o->p.rows, err);
    case O_MONTHS: return gen_parse_months(v, &o->p.first_month, &o->p.last_month, err);
    case O_GEO:
        if (strcmp(v, "region") && strcmp(v, "dept"))
            return bad_value(name, v, "region or dept", err);
        o->p.geo = v[0] == 'd' ? GEN_GEO_DEPT : GEN_GEO_REGION;
        return DS_OK;
    case O_GZIP: o->gzip_level = o->gzip_level ? o->gzip_level : 1; return DS_OK;
    case O_GZIP_LEVEL:
        if ((rc = parse_u64(name, v, 1, &u, err)) == 0 && u > 9)
            return bad_value(name, v, "a level from 1 to 9", err);
        o->gzip_level = (int)u;
        return rc;
    case O_OUTPUT: o->dir = v; return DS_OK;
    case O_TRUTH: o->truth = v; return DS_OK;
    case O_DEPARTEMENTS: o->departements = v; return DS_OK;
    case O_MEDECINS: o->medecins = v; return DS_OK;
    case O_ACTIVITE: o->activite = v; return DS_OK;
    case O_THREADS:
        if ((rc = parse_u64(name, v, 1, &u, err)) == 0)
            o->threads = (long)(u > 256 ? 256 : u);
        return rc;
    default: return set_number(o, id, name, v, err);
    }
}

const cli_cmd cmd_gen_cli = {
    "gen",
    "write DAMIR-shaped data with known, planted effects",
    "-o DIR [OPTIONS]",
    "Writes one Open DAMIR-shaped file A<YYYYMM>.csv[.gz] per month into DIR: the real\n"
    "56-column header and format, realistic codes, and planted department effects that an\n"
    "aggregation recovers exactly (--truth lists them with the query to run).\n"
    "\n"
    "  GP acts per inhabitant a year    v_d = A + B * GP density_d + N(0, SD)\n"
    "  GP spending per inhabitant (EUR) s_d = C + K * licences per 100_d + N(0, TAU)\n"
    "\n"
    "The default tables are found in ./external-data, beside the binary, or where make\n"
    "install put them. The files are large (about 190 bytes a row): -o names their folder.",
    options,
    "damirstat gen --seed 2015 --rows 2000000 --gzip --geo dept -o demo/data \\\n"
    "    --truth demo/data/truth.json",
    set_option,
    NULL,
};

static int load_table(const char *path, table_t **t, ds_err *err)
{
    int rc = table_load(path, t, err);
    if (rc == DS_EIO && access(path, R_OK) != 0)
        ds_err_clear(err), rc = ds_err_set(err, DS_EIO, "%s: cannot read: %s", path,
                                           strerror(errno));
    return rc;
}

/* A table: the given path, else the shipped file NAME (or FALLBACK when NAME is absent);
 * *owned receives what must be freed. NULL with err set when nothing is found. */
static const char *table_path(const char *given, const char *name, const char *fallback,
                              char **owned, ds_err *err)
{
    *owned = NULL;
    if (given)
        return given;
    if (fallback && (*owned = geo_data_path(name, NULL)))
        return *owned;
    return *owned = geo_data_path(fallback ? fallback : name, err);
}

static int run(const struct gen_opts *o, ds_err *err)
{
    table_t *dt = NULL, *doc = NULL, *act = NULL;
    gen_t *g = NULL;
    out_t *truth = NULL;
    char *owned[3];
    const char *dpath = table_path(o->departements, "departements.csv", NULL, &owned[0], err);
    const char *mpath = table_path(o->medecins, "medecins-departements.csv", NULL, &owned[1], err);
    const char *apath = table_path(o->activite, "activite-physique.csv",
                                   "synthetic-activite-physique.csv", &owned[2], err);
    int rc = !dpath || !mpath || !apath ? DS_EIO : DS_OK;
    if (rc || (rc = load_table(dpath, &dt, err)) || (rc = load_table(mpath, &doc, err)) ||
        (rc = load_table(apath, &act, err)) || (rc = gen_new(&o->p, dt, doc, act, &g, err)))
        goto done;
    /* the folder first: the truth file may live in it */
    if ((rc = gen_make_dir(o->dir, err)) || (o->truth && (rc = out_open(o->truth, &truth, err))))
        goto done;
    if ((rc = gen_write_files(g, o->dir, o->gzip_level, (int)o->threads, err)))
        goto done;
    if (truth) {
        if ((rc = gen_write_truth(g, out_stream(truth), o->dir, o->gzip_level, err)))
            goto done;
        rc = out_commit(truth, err); /* frees the handle in every case */
        truth = NULL;
    }
done:
    for (size_t i = 0; i < 3; i++)
        free(owned[i]);
    out_abort(truth);
    gen_free(g);
    table_free(dt);
    table_free(doc);
    table_free(act);
    return rc;
}

int cmd_gen(int argc, char **argv, ds_err *err)
{
    struct gen_opts o = {.dir = NULL};
    gen_params_default(&o.p);
    int n = 0;
    int rc = cli_parse(&cmd_gen_cli, argc, argv, &o, &n, err);
    if (rc > 0)
        return cli_finish(&cmd_gen_cli, rc);
    if (rc)
        return rc;
    if (n > 0)
        return ds_err_set(err, DS_EUSAGE, "gen: unexpected argument '%s' (gen reads no "
                          "files; see damirstat gen --help)", argv[1]);
    if (!o.dir)
        return ds_err_set(err, DS_EUSAGE, "gen: -o DIR is required: the folder for the "
                          "monthly files (see damirstat gen --help)");
    o.threads = job_threads((int)o.threads);
    return run(&o, err);
}
