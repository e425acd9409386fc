/* damirstat gen: writes DAMIR-shaped monthly files with planted effects (see gen.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/cmd.h"
#include "damirstat/gen.h"
#include "damirstat/geo.h"
#include "damirstat/job.h"
#include "damirstat/out.h"
#include "damirstat/table.h"

static const char usage_text[] =
    "Usage: damirstat gen [OPTIONS]\n"
    "\n"
    "Writes one Open DAMIR-shaped file A<YYYYMM>.csv[.gz] per month into DIR: the real\n"
    "56-column header and format, realistic codes, and planted department effects that an\n"
    "aggregation recovers exactly (--truth lists them with the query to run).\n"
    "\n"
    "  GP acts per inhabitant a year    v_d = A + B * GP density_d + N(0, SD)\n"
    "  GP spending per inhabitant (EUR) s_d = C + K * licences per 100_d + N(0, TAU)\n"
    "\n"
    "Options:\n"
    "  --seed S               random seed (default 1); same seed, same bytes\n"
    "  --rows N               rows over all months (default 100000)\n"
    "  --months FROM[-TO]     processing months YYYYMM (default 202401-202412)\n"
    "  --geo region|dept      dept adds BEN_RES_DPT right after BEN_RES_REG (default region)\n"
    "  --gzip                 write .csv.gz; --gzip-level L sets the level 1-9 (default 1)\n"
    "  -o, --output DIR       output folder, created if missing (default .)\n"
    "  --truth FILE           write the JSON manifest of planted values and exact totals\n"
    "  --intercept A          (default 3.3)    --slope B   (default 0.005)\n"
    "  --noise SD             (default 0.3)\n"
    "  --spending-intercept C (default 134)    --spending-slope K (default -1)\n"
    "  --spending-noise TAU   (default 5)\n"
    "  --gp-share P           share of rows that are planted GP rows (default 0.12)\n"
    "  --departements FILE    default external-data/departements.csv\n"
    "  --medecins FILE        default external-data/medecins-departements.csv\n"
    "  --activite FILE        default external-data/activite-physique.csv, else the\n"
    "                         synthetic-activite-physique.csv stand-in\n"
    "  (the default tables are found in ./external-data, beside the binary, or where\n"
    "  make install put them)\n"
    "  -j, --threads N        months written in parallel (default: all cores)\n"
    "\n"
    "Example:\n"
    "  damirstat gen --seed 2015 --rows 2000000 --gzip --geo dept -o demo/data \\\n"
    "      --truth demo/data/truth.json\n";

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

/* One option with its value. */
static int parse_one(struct gen_opts *o, const char *name, const char *v, ds_err *err)
{
    uint64_t u;
    int rc = DS_OK;
    if (!strcmp(name, "--seed"))
        rc = parse_u64(name, v, 0, &o->p.seed, err);
    else if (!strcmp(name, "--rows"))
        rc = parse_u64(name, v, 1, &o->p.rows, err);
    else if (!strcmp(name, "--months"))
        rc = gen_parse_months(v, &o->p.first_month, &o->p.last_month, err);
    else if (!strcmp(name, "--geo")) {
        if (strcmp(v, "region") && strcmp(v, "dept"))
            return bad_value(name, v, "region or dept", err);
        o->p.geo = v[0] == 'd' ? GEN_GEO_DEPT : GEN_GEO_REGION;
    } else if (!strcmp(name, "--gzip-level")) {
        if ((rc = parse_u64(name, v, 1, &u, err)) == 0 && u > 9)
            return bad_value(name, v, "a level from 1 to 9", err);
        o->gzip_level = (int)u;
    } else if (!strcmp(name, "-o") || !strcmp(name, "--output"))
        o->dir = v;
    else if (!strcmp(name, "--truth"))
        o->truth = v;
    else if (!strcmp(name, "--intercept"))
        rc = parse_num(name, v, &o->p.visits_intercept, err);
    else if (!strcmp(name, "--slope"))
        rc = parse_num(name, v, &o->p.visits_slope, err);
    else if (!strcmp(name, "--noise"))
        rc = parse_noise(name, v, &o->p.visits_noise, err);
    else if (!strcmp(name, "--spending-intercept"))
        rc = parse_num(name, v, &o->p.spending_intercept, err);
    else if (!strcmp(name, "--spending-slope"))
        rc = parse_num(name, v, &o->p.spending_slope, err);
    else if (!strcmp(name, "--spending-noise"))
        rc = parse_noise(name, v, &o->p.spending_noise, err);
    else if (!strcmp(name, "--gp-share")) {
        if ((rc = parse_num(name, v, &o->p.gp_share, err)) == 0 &&
            !(o->p.gp_share > 0 && o->p.gp_share < 1))
            return bad_value(name, v, "a share between 0 and 1", err);
    } else if (!strcmp(name, "--departements"))
        o->departements = v;
    else if (!strcmp(name, "--medecins"))
        o->medecins = v;
    else if (!strcmp(name, "--activite"))
        o->activite = v;
    else if (!strcmp(name, "-j") || !strcmp(name, "--threads")) {
        if ((rc = parse_u64(name, v, 1, &u, err)) == 0)
            o->threads = (long)(u > 256 ? 256 : u);
    } else
        return ds_err_set(err, DS_EUSAGE, "gen: unknown option '%s' (see damirstat gen --help)",
                          name);
    return rc;
}

static int is_known(const char *name)
{
    static const char *const names[] = {
        "--seed", "--rows", "--months", "--geo", "--gzip-level", "-o", "--output", "--truth",
        "--intercept", "--slope", "--noise", "--spending-intercept", "--spending-slope",
        "--spending-noise", "--gp-share", "--departements", "--medecins", "--activite", "-j",
        "--threads"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i]))
            return 1;
    return 0;
}

/* Sets *help when --help was asked for. */
static int parse_args(int argc, char **argv, struct gen_opts *o, ds_err *err, int *help)
{
    *help = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            *help = 1;
            return DS_OK;
        }
        if (!strcmp(a, "--gzip")) {
            if (!o->gzip_level)
                o->gzip_level = 1;
            continue;
        }
        if (a[0] != '-')
            return ds_err_set(err, DS_EUSAGE, "gen: unexpected argument '%s' (gen reads no "
                              "files; see damirstat gen --help)", a);
        char name[64];
        const char *eq = strchr(a, '='), *v;
        if (a[1] == 'j' && a[2]) { /* -j2, as aggregate takes it */
            int rc = parse_one(o, "-j", a + 2, err);
            if (rc)
                return rc;
            continue;
        }
        if (eq && a[1] == '-' && (size_t)(eq - a) < sizeof name) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            v = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
            if (i + 1 >= argc)
                return is_known(name) ? ds_err_set(err, DS_EUSAGE, "gen: %s needs a value", name)
                                      : parse_one(o, name, "", err);
            v = argv[++i];
        }
        int rc = parse_one(o, name, v, err);
        if (rc)
            return rc;
    }
    return DS_OK;
}

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
    struct gen_opts o = {.dir = "."};
    gen_params_default(&o.p);
    int help;
    int rc = parse_args(argc, argv, &o, err, &help);
    if (rc)
        return rc;
    if (help) {
        fputs(usage_text, stdout);
        return DS_OK;
    }
    o.threads = job_threads((int)o.threads);
    return run(&o, err);
}
