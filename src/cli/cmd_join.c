/* cmd_join: `damirstat join LEFT RIGHT --on KEY[=RIGHTKEY]`, the step that puts aggregates
 * beside population, doctor density or any department table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/join.h"
#include "damirstat/out.h"

static const char about[] =
    "Joins two tables on a key. Department keys are canonicalised (1, 01 and 001 are the\n"
    "same department; 2A, 2B; 971-976), so tables from different publishers join. Rows\n"
    "without a match are listed on stderr with the department's name, label rows of a\n"
    "department column ('France', 'Total') with their text. A key repeated in RIGHT is an\n"
    "error naming both lines; one repeated in LEFT joins on every row, with a warning\n"
    "naming both lines when it looks like a mistake (1 and 01, or a duplicated row; not in\n"
    "a long table, department x year, where most keys repeat). The output has LEFT's\n"
    "columns (its key canonicalised), then RIGHT's but its key; a RIGHT column whose name\n"
    "LEFT already has gets the suffix _right. The output is comma-separated unless\n"
    "--output-delimiter says otherwise. A panel joins on several columns (--on dep,annee):\n"
    "the first is the department, region or text key, the others match as text (numbers\n"
    "written one way: 2013 = 2013.0).";

struct options {
    join_options join;
    int strict, quiet;
    const char *on;
    char *keys; /* a copy of --on, cut at its '=' */
    const char *output, *paths[2];
    char delim;
    table_load_opts load[2];
    char skip_text[2][32]; /* the other side's lines in the --skip N,M a title hint gives */
};

enum { O_ON, O_HOW, O_BY_NAME, O_STRICT, O_KEY_TYPE, O_SCHEME, O_OUTPUT, O_OUTPUT_DELIMITER,
       O_DELIMITER, O_SKIP, O_QUIET };

static const cli_opt options[] = {
    {"on", 0, "KEY[=RIGHTKEY]", O_ON, "key column in LEFT (and in RIGHT when its name differs); "
     "several, comma-separated, for a panel: dep,annee or dep,annee=code,year", NULL},
    {"how", 0, "inner|left", O_HOW, "inner (default) keeps matched rows; left keeps every LEFT "
     "row", NULL},
    {"by-name", 0, NULL, O_BY_NAME, "accept department names ('Côte-d'Or', '21 - Côte-d'Or') "
     "as keys", NULL},
    {"strict", 0, NULL, O_STRICT, "a LEFT key without a match, or a label row on either side "
     "(no department code, or name with --by-name), is an error naming FILE:LINE (exit 1)",
     NULL},
    {"key-type", 0, "T", O_KEY_TYPE, "auto (default): region when a key column's name holds "
     "'reg' (BEN_RES_REG or reg_open_damir: Open DAMIR codes); dept when, on each side, every key written as a "
     "code (digits, 2A, 2B) is a department (or 99, unknown: listed unmatched) and one key at "
     "least is: keys that are not codes ('France', 'Total') are then labels, listed unmatched; "
     "else text. Or dept, region, text: a key that is not one is an error", NULL},
    {"scheme", 0, "S", O_SCHEME, "region codes: 2016 (default), pre2016 or opendamir "
     "(BEN_RES_REG). Open DAMIR regions (93 with Corsica, 5 overseas) never join INSEE "
     "ones (94 Corse, 01-06): an error", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {"output-delimiter", 0, "C", O_OUTPUT_DELIMITER, "output delimiter ',' (default), ';' or "
     "'tab'", NULL},
    {"delim", 0, "C", O_OUTPUT_DELIMITER, NULL, "--output-delimiter"},
    CLI_OPT_DELIMITER(O_DELIMITER),
    {"skip", 0, "N[,M]", O_SKIP, "drop N title lines before the header of both tables, or N "
     "in LEFT and M in RIGHT (lines starting with '#' before the header are always dropped)",
     NULL},
    CLI_OPT_QUIET(O_QUIET),
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* --skip N or N,M: title lines of LEFT and RIGHT. */
static int parse_skip(const char *v, struct options *o, ds_err *err)
{
    const char *comma = strchr(v, ',');
    char left[32];
    if (!comma) {
        int rc = cli_parse_lines("join", "--skip", v, &o->load[0].skip_lines, err);
        o->load[1].skip_lines = o->load[0].skip_lines;
        return rc;
    }
    snprintf(left, sizeof left, "%.*s", (int)(comma - v), v);
    if ((size_t)(comma - v) >= sizeof left ||
        cli_parse_lines("join", "--skip", left, &o->load[0].skip_lines, NULL) ||
        cli_parse_lines("join", "--skip", comma + 1, &o->load[1].skip_lines, NULL))
        return ds_err_set(err, DS_EUSAGE, "join: --skip expects N or N,M (numbers of lines), "
                          "got '%s'", v);
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const hows[] = {"inner", "left"};
    static const char *const types[] = {"auto", "dept", "region", "text"};
    static const char *const schemes[] = {"2016", "pre2016", "opendamir"};
    struct options *o = ctx;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_ON: o->on = v; break;
    case O_HOW: rc = cli_parse_choice("join", "--how", v, hows, 2, &i, err); o->join.how = (join_how)i; break;
    case O_BY_NAME: o->join.by_name = 1; break;
    case O_STRICT: o->strict = 1; break;
    case O_KEY_TYPE: rc = cli_parse_choice("join", "--key-type", v, types, 4, &i, err); o->join.key_type = (join_key_type)i; break;
    case O_SCHEME: rc = cli_parse_choice("join", "--scheme", v, schemes, 3, &i, err); o->join.scheme = (geo_region_scheme)i; break;
    case O_OUTPUT: o->output = v; break;
    case O_OUTPUT_DELIMITER: rc = cli_parse_delim("join", "--output-delimiter", v, &o->delim, err); break;
    case O_DELIMITER:
        rc = cli_parse_delim("join", "--delimiter", v, &o->load[0].delim, err);
        o->load[1].delim = o->load[0].delim;
        break;
    case O_SKIP: rc = parse_skip(v, o, err); break;
    case O_QUIET: o->quiet = 1; break;
    default: break;
    }
    return rc;
}

const cli_cmd cmd_join_cli = {
    "join",
    "join two tables on department or region keys",
    "LEFT RIGHT --on KEY[=RIGHTKEY] [--how inner|left]\n"
    "    [--by-name] [--strict] [--key-type auto|dept|region|text]\n"
    "    [--scheme 2016|pre2016|opendamir] [-o FILE] [OPTIONS]",
    about,
    options,
    "damirstat join visits.csv external-data/medecins-departements.csv --on BEN_RES_DPT=dep \\\n"
    "    -o joined.csv\n"
    "# an INSEE download with three title lines above its header\n"
    "damirstat join visits.csv insee.csv --on BEN_RES_DPT=code --skip 0,3 -o joined.csv\n"
    "# a panel: one row per department and year on each side\n"
    "damirstat join external-data/panel-mg-departements.csv \\\n"
    "    external-data/licences-departements.csv --on dep,annee -o panel.csv",
    set_option,
    NULL,
};

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_join_cli, argc, argv, o, &n, err);
    if (rc != DS_OK)
        return rc;
    if (n != 2)
        return ds_err_set(err, DS_EUSAGE, "join: expected two tables, LEFT and RIGHT (see damirstat join --help)");
    if (!o->on)
        return ds_err_set(err, DS_EUSAGE, "join: --on KEY is required");
    o->paths[0] = argv[1];
    o->paths[1] = argv[2];
    /* --skip N applies to both tables: a title above one of them needs N,M */
    snprintf(o->skip_text[0], sizeof o->skip_text[0], ",%zu", o->load[1].skip_lines);
    snprintf(o->skip_text[1], sizeof o->skip_text[1], "--skip %zu,", o->load[0].skip_lines);
    o->load[0].skip_after = o->skip_text[0];
    o->load[1].skip_before = o->skip_text[1];
    o->keys = xstrdup(o->on);
    char *eq = strchr(o->keys, '=');
    o->join.left_key = o->keys;
    o->join.right_key = eq ? eq + 1 : o->keys;
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
    if (!o->quiet)
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
        if (!o->quiet)
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
    if (rc > 0)
        return cli_finish(&cmd_join_cli, rc);
    table_t *left = NULL, *right = NULL;
    join_result r = {0};
    out_t *out = NULL;
    if (rc || (rc = table_load_with(o.paths[0], &o.load[0], &left, err)) ||
        (rc = table_load_with(o.paths[1], &o.load[1], &right, err)))
        goto done;
    cli_table_notes("join", left, o.quiet);
    cli_table_notes("join", right, o.quiet);
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
    free(o.keys);
    join_result_free(&r);
    table_free(left);
    table_free(right);
    return rc;
}
