/* cmd_join: `damirstat join LEFT RIGHT --on KEY[=RIGHTKEY]`, the step that puts aggregates
 * beside population, doctor density or any department table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/cli.h"
#include "damirstat/cmd.h"
#include "damirstat/join.h"
#include "damirstat/out.h"

static const char usage_text[] =
    "Usage: damirstat join LEFT RIGHT --on KEY[=RIGHTKEY] [--how inner|left] [--by-name]\n"
    "                      [--strict] [--key-type auto|dept|region|text]\n"
    "                      [--scheme 2016|pre2016|opendamir] [-o OUT] [--delim C]\n"
    "\n"
    "Joins two tables on a key. Department keys are canonicalised (1, 01 and 001 are the\n"
    "same department; 2A, 2B; 971-976), so tables from different publishers join. Rows\n"
    "without a match are listed on stderr with the department's name, label rows of a\n"
    "department column ('France', 'Total') with their text. A key repeated in RIGHT is an\n"
    "error naming both lines; one repeated in LEFT joins on every row, with a warning\n"
    "naming both lines when it looks like a mistake (1 and 01, or a duplicated row; not in\n"
    "a long table, department x year, where most keys repeat). The output has LEFT's\n"
    "columns (its key canonicalised), then RIGHT's but its key; a RIGHT column whose name\n"
    "LEFT already has gets the suffix _right.\n"
    "\n"
    "Options:\n"
    "  --on KEY[=RIGHTKEY]  key column in LEFT (and in RIGHT when its name differs)\n"
    "  --how inner|left     inner (default) keeps matched rows; left keeps every LEFT row\n"
    "  --by-name            accept department names ('Côte-d'Or', '21 - Côte-d'Or') as keys\n"
    "  --strict             a LEFT key without a match, or a label row on either side\n"
    "                       (no department code, or name with --by-name), is an error\n"
    "                       naming FILE:LINE (exit 1)\n"
    "  --key-type T         auto (default): region when a key column's name holds 'reg'\n"
    "                       (BEN_RES_REG: Open DAMIR codes); dept when, on each side,\n"
    "                       every key written as a code (digits, 2A, 2B) is a department\n"
    "                       (or 99, unknown: listed unmatched) and one key at least is:\n"
    "                       keys that are not codes ('France', 'Total') are then labels,\n"
    "                       listed unmatched; else text. Or dept, region, text: a key\n"
    "                       that is not one is an error\n"
    "  --scheme S           region codes: 2016 (default), pre2016 or opendamir (BEN_RES_REG)\n"
    "  -o OUT               write to OUT (atomically) instead of stdout\n"
    "  --delim C            output delimiter ',' (default), ';' or 'tab'\n"
    "\n"
    "Example:\n"
    "  damirstat join visits.csv external-data/medecins-departements.csv --on BEN_RES_DPT=dep\n";

struct options {
    join_options join;
    int strict;
    char *on;
    const char *output, *paths[2];
    char delim;
};

static int parse_enum(const char *option, const char *s, const char *const *names, int n,
                      int *out, ds_err *err)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return DS_OK;
        }
    return ds_err_set(err, DS_EUSAGE, "join: %s does not accept '%s'", option, s);
}

static int parse_option(int c, struct options *o, ds_err *err)
{
    static const char *const hows[] = {"inner", "left"};
    static const char *const types[] = {"auto", "dept", "region", "text"};
    static const char *const schemes[] = {"2016", "pre2016", "opendamir"};
    int v = 0, rc = DS_OK;
    switch (c) {
    case 'O': o->on = optarg; break;
    case 'w': rc = parse_enum("--how", optarg, hows, 2, &v, err); o->join.how = (join_how)v; break;
    case 'n': o->join.by_name = 1; break;
    case 's': o->strict = 1; break;
    case 'k': rc = parse_enum("--key-type", optarg, types, 4, &v, err); o->join.key_type = (join_key_type)v; break;
    case 'S': rc = parse_enum("--scheme", optarg, schemes, 3, &v, err); o->join.scheme = (geo_region_scheme)v; break;
    case 'o': o->output = optarg; break;
    case 'd': rc = cli_parse_delim("join", optarg, &o->delim, err); break;
    default: break;
    }
    return rc;
}

/* Returns DS_OK, a usage error, or 1 when --help was printed. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    static const struct option longopts[] = {
        {"on", required_argument, NULL, 'O'},     {"how", required_argument, NULL, 'w'},
        {"by-name", no_argument, NULL, 'n'},      {"strict", no_argument, NULL, 's'},
        {"key-type", required_argument, NULL, 'k'}, {"scheme", required_argument, NULL, 'S'},
        {"delim", required_argument, NULL, 'd'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c, rc = DS_OK;
    opterr = 0;
    optind = 1;
    while (rc == DS_OK && (c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return 1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option("join", argv[optind - 1], c == ':', err);
        rc = parse_option(c, o, err);
    }
    if (rc != DS_OK)
        return rc;
    if (argc - optind != 2)
        return ds_err_set(err, DS_EUSAGE, "join: expected two tables, LEFT and RIGHT (see damirstat join --help)");
    if (!o->on)
        return ds_err_set(err, DS_EUSAGE, "join: --on KEY is required");
    o->paths[0] = argv[optind];
    o->paths[1] = argv[optind + 1];
    char *eq = strchr(o->on, '=');
    o->join.left_key = o->on;
    o->join.right_key = eq ? eq + 1 : o->on;
    if (eq)
        *eq = '\0';
    return DS_OK;
}

#define REPEATS_SHOWN 10

/* Warns of keys LEFT holds more than once where join found it suspicious: the join keeps
 * every row, as SQL does, but 1 and 01 in one table usually mean two sources pasted
 * together, which doubles the department downstream. Cut after ten lines, so that a pasted
 * table does not bury the other messages. */
static void warn_repeats(const struct options *o, const join_result *r)
{
    for (size_t i = 0; i < r->nrepeats && i < REPEATS_SHOWN; i++) {
        const join_repeat *p = &r->repeats[i];
        char key[128], what[160];
        join_describe_key(p->key, r->key_type, key, sizeof key);
        if (r->key_type == JOIN_KEY_TEXT)
            snprintf(what, sizeof what, "key '%s'", key);
        else
            snprintf(what, sizeof what, "%s %s",
                     r->key_type == JOIN_KEY_DEPT ? "department" : "region", key);
        if (p->count == 2)
            fprintf(stderr, "damirstat: join: the left table has %s twice: %s:%zu and %s:%zu\n",
                    what, o->paths[0], p->line1, o->paths[0], p->line2);
        else
            fprintf(stderr,
                    "damirstat: join: the left table has %s %zu times: %s:%zu, %s:%zu, …\n",
                    what, p->count, o->paths[0], p->line1, o->paths[0], p->line2);
    }
    if (r->nrepeats > REPEATS_SHOWN)
        fprintf(stderr, "damirstat: join: %zu more keys repeated in %s\n",
                r->nrepeats - REPEATS_SHOWN, o->paths[0]);
}

/* With --strict a label row (a total row, a name that is no department) is an error as a
 * key without a match is: the user asked that every key be one the join understands. */
static int strict_labels(const struct options *o, const join_result *r, ds_err *err)
{
    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < r->nmisses; i++) {
            const join_miss *m = &r->misses[i];
            const char *reason = join_miss_reason(m, r->key_type);
            if (m->side == side && reason)
                return ds_err_set(err, DS_EDATA, "join: %s:%zu: %s: '%s' is %s", o->paths[side],
                                  m->line, side ? o->join.right_key : o->join.left_key, m->key,
                                  reason);
        }
    return DS_OK;
}

/* Lists unmatched keys on stderr, or makes them an error with --strict. */
static int report_misses(const struct options *o, const join_result *r, ds_err *err)
{
    warn_repeats(o, r);
    if (o->strict && strict_labels(o, r, err))
        return DS_EDATA;
    for (int side = 0; side < 2; side++) {
        size_t n = 0;
        char list[900] = "", one[128];
        for (size_t i = 0; i < r->nmisses; i++) {
            if (r->misses[i].side != side)
                continue;
            join_describe_miss(&r->misses[i], r->key_type, one, sizeof one);
            if (strlen(list) + strlen(one) + 8 < sizeof list)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", n ? ", " : "", one);
            else if (!strstr(list, ", …"))
                strcat(list, ", …");
            n++;
        }
        if (!n)
            continue;
        if (o->strict && side == 0)
            return ds_err_set(err, DS_EDATA, "join: %zu key%s of %s without a match: %s", n,
                              n > 1 ? "s" : "", o->paths[side], list);
        fprintf(stderr, "damirstat: join: %zu key%s of %s without a match%s: %s\n", n,
                n > 1 ? "s" : "", o->paths[side],
                side == 0 && o->join.how == JOIN_INNER ? " (rows dropped)" : "", list);
    }
    return DS_OK;
}

int cmd_join(int argc, char **argv, ds_err *err)
{
    struct options o = {.join = {.how = JOIN_INNER, .key_type = JOIN_KEY_AUTO}, .delim = ','};
    int rc = parse_options(argc, argv, &o, err);
    if (rc != DS_OK)
        return rc == 1 ? DS_OK : rc;
    table_t *left = NULL, *right = NULL;
    join_result r = {0};
    out_t *out = NULL;
    if ((rc = table_load(o.paths[0], &left, err)) || (rc = table_load(o.paths[1], &right, err)))
        goto done;
    if ((rc = join_tables(left, right, &o.join, &r, err)) || (rc = report_misses(&o, &r, err)))
        goto done;
    if ((rc = out_open(o.output, &out, err)))
        goto done;
    if ((rc = table_write(r.table, out_stream(out), o.delim, err))) {
        out_fail(out, rc, err);
        goto done;
    }
    rc = out_commit(out, err);
done:
    join_result_free(&r);
    table_free(left);
    table_free(right);
    return rc;
}
