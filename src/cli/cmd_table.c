/* cmd_table: `damirstat table FILE` describes a reference table as the loader sees it
 * (columns, inferred types, rows, missing cells, ranges), so a user can check a file
 * before joining or fitting on it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/json.h"
#include "damirstat/table.h"

struct options {
    int json;
    table_load_opts load;
    const char *path, *output;
    char *names_buf;     /* the --names list, cut at its commas */
    const char **names;  /* pointers into names_buf */
};

enum { O_FORMAT, O_JSON, O_DELIMITER, O_SKIP, O_SKIP_FOOTER, O_NAMES, O_ENCODING, O_OUTPUT };

static const cli_opt options[] = {
    {"format", 0, "text|json", O_FORMAT, "output format (default text); json is {\"rows\": N, "
     "\"columns\": [{\"name\", \"type\", \"missing\", \"min\", \"max\"}, ...]} (null where a "
     "column has no value)", NULL},
    {"json", 0, NULL, O_JSON, NULL, "--format json"},
    CLI_OPT_DELIMITER(O_DELIMITER),
    {"delim", 0, "C", O_DELIMITER, NULL, "-d/--delimiter"},
    CLI_OPT_SKIP(O_SKIP),
    {"skip-footer", 0, "N", O_SKIP_FOOTER, "drop the last N non-blank lines (notes and sources "
     "under a table)", NULL},
    {"names", 0, "A,B,...", O_NAMES, "name the columns (comma-separated); the file then has no "
     "header: the first line after the skipped ones is data", NULL},
    {"encoding", 0, "E", O_ENCODING, "utf8 or cp1252 (default: UTF-8 if the file is valid "
     "UTF-8, else Windows-1252)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err);

const cli_cmd cmd_table_cli = {
    "table",
    "describe a reference table: columns, types, missing values, ranges",
    "[--format text|json] [-d C] [--skip N] [--skip-footer N]\n"
    "    [--names A,B,...] [--encoding E] [-o FILE] FILE",
    "Describes a reference table: for each column its inferred type (number when every\n"
    "non-missing cell is a number, French or English notation; text otherwise), its missing\n"
    "cells (empty, NA, nd, n.d., s, -) and its range. For a number column min and max are\n"
    "the smallest and largest values; for a text column they are the first and last values\n"
    "in byte order. FILE '-' is standard input.",
    options,
    "damirstat table external-data/departements.csv\n"
    "damirstat table --format json --skip 3 --skip-footer 2 \\\n"
    "    --names code,nom,medecins,dens_med,dens_gen,dens_spe,dens_dent,dens_pharm \\\n"
    "    insee_TCRD_068_professionnels_sante_2025_departements.csv",
    set_option,
    NULL,
};

/* Splits "a,b,c" into o->names (owned by o; freed by free_options). */
static void split_names(struct options *o, const char *list)
{
    free(o->names_buf);
    free(o->names);
    o->names_buf = xstrdup(list);
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    o->names = xcalloc(n, sizeof *o->names);
    char *p = o->names_buf;
    for (size_t j = 0; j < n; j++) {
        o->names[j] = p;
        p += strcspn(p, ",");
        if (*p)
            *p++ = '\0';
    }
    o->load.names = o->names;
    o->load.nnames = n;
}

static void free_options(struct options *o)
{
    free(o->names_buf);
    free(o->names);
}

static int parse_encoding(const char *s, table_encoding *enc, ds_err *err)
{
    if (strcmp(s, "utf8") == 0 || strcmp(s, "utf-8") == 0 || strcmp(s, "UTF-8") == 0)
        *enc = TABLE_ENC_UTF8;
    else if (strcmp(s, "cp1252") == 0 || strcmp(s, "latin1") == 0)
        *enc = TABLE_ENC_CP1252;
    else
        return ds_err_set(err, DS_EUSAGE, "table: --encoding expects utf8 or cp1252, got '%s'",
                          s);
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"text", "json"};
    struct options *o = ctx;
    switch (id) {
    case O_FORMAT: return cli_parse_choice("table", "--format", v, formats, 2, &o->json, err);
    case O_JSON: o->json = 1; return DS_OK;
    case O_DELIMITER: return cli_parse_delim("table", "--delimiter", v, &o->load.delim, err);
    case O_SKIP: return cli_parse_lines("table", "--skip", v, &o->load.skip_lines, err);
    case O_SKIP_FOOTER:
        return cli_parse_lines("table", "--skip-footer", v, &o->load.skip_footer, err);
    case O_NAMES: split_names(o, v); return DS_OK;
    case O_ENCODING: return parse_encoding(v, &o->load.encoding, err);
    case O_OUTPUT: o->output = v; return DS_OK;
    default: return DS_OK;
    }
}

/* Returns DS_OK, a usage error, or CLI_HELP / CLI_VERSION. */
static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_table_cli, argc, argv, o, &n, err);
    if (rc != DS_OK)
        return rc;
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "table: expected one FILE, got %d (see damirstat "
                                          "table --help)", n);
    o->path = argv[1];
    return DS_OK;
}

/* The range of a column: numbers for a number column, byte-order first and last text for a
 * text column; has == 0 when every cell is missing. */
struct range {
    int has;
    double lo, hi;
    const char *tlo, *thi;
};

static struct range col_range(const table_t *t, size_t j)
{
    struct range r = {0, 0, 0, NULL, NULL};
    int number = table_col_type(t, j) == TABLE_NUMBER;
    for (size_t i = 0; i < table_nrows(t); i++) {
        if (table_is_missing(t, i, j))
            continue;
        if (number) {
            double v = table_num(t, i, j);
            r.lo = r.has && r.lo <= v ? r.lo : v;
            r.hi = r.has && r.hi >= v ? r.hi : v;
        } else {
            const char *s = table_text(t, i, j);
            r.tlo = r.has && strcmp(r.tlo, s) <= 0 ? r.tlo : s;
            r.thi = r.has && strcmp(r.thi, s) >= 0 ? r.thi : s;
        }
        r.has = 1;
    }
    return r;
}

static void json_bound(json_w *w, const char *key, const struct range *r, int number, int hi)
{
    char buf[40];
    json_key(w, key);
    if (!r->has)
        json_null(w);
    else if (number) {
        table_format_number(hi ? r->hi : r->lo, buf, sizeof buf);
        json_raw(w, buf);
    } else
        json_str(w, hi ? r->thi : r->tlo);
}

static void print_json(FILE *fp, const table_t *t)
{
    json_w w;
    json_init(&w, fp);
    json_object(&w, JSON_INLINE);
    json_member_uint(&w, "rows", table_nrows(t));
    json_key(&w, "columns");
    json_array(&w, JSON_INLINE);
    for (size_t j = 0; j < table_ncols(t); j++) {
        int number = table_col_type(t, j) == TABLE_NUMBER;
        struct range r = col_range(t, j);
        json_object(&w, JSON_INLINE);
        json_member_str(&w, "name", table_col_name(t, j));
        json_member_str(&w, "type", number ? "number" : "text");
        json_member_uint(&w, "missing", table_col_missing(t, j));
        json_bound(&w, "min", &r, number, 0);
        json_bound(&w, "max", &r, number, 1);
        json_end(&w);
    }
    json_end(&w);
    json_end(&w);
    putc('\n', fp);
}

enum { SHOW_MAX = 32 }; /* longest value shown in the text table, in characters */

/* Characters (code points) in a UTF-8 string: the width a terminal gives it, near enough. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* A copy of s fit for one cell of the text table: control characters (C0, and C1 such as
 * the U+0092 left in rpps_tab3.csv by a past conversion) become spaces, and long values are
 * cut at SHOW_MAX characters with an ellipsis. Caller frees. */
static char *shown(const char *s)
{
    size_t len = strlen(s), n = 0, chars = 0;
    char *out = xmalloc(len + 4);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int starts_char = (*p & 0xC0) != 0x80;
        if (starts_char && ++chars > SHOW_MAX) {
            memcpy(out + n, "\xE2\x80\xA6", 3);
            n += 3;
            break;
        }
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            out[n++] = ' ';
            p++;
        } else {
            out[n++] = *p < 0x20 || *p == 0x7F ? ' ' : (char)*p;
        }
    }
    out[n] = '\0';
    return out;
}

static char *shown_bound(const table_t *t, size_t j, const struct range *r, int hi)
{
    char buf[40];
    if (!r->has)
        return xstrdup("-");
    if (table_col_type(t, j) == TABLE_TEXT)
        return shown(hi ? r->thi : r->tlo);
    snprintf(buf, sizeof buf, "%.10g", hi ? r->hi : r->lo);
    return xstrdup(buf);
}

static void pad(FILE *fp, const char *s, size_t w)
{
    fputs(s, fp);
    for (size_t k = width(s); k < w; k++)
        putc(' ', fp);
}

static void print_text(FILE *fp, const table_t *t)
{
    size_t nc = table_ncols(t);
    char **cells = xcalloc(3 * nc + 1, sizeof *cells); /* name, min, max per column */
    size_t wname = width("column"), wmin = width("min");
    for (size_t j = 0; j < nc; j++) {
        struct range r = col_range(t, j);
        cells[3 * j] = shown(table_col_name(t, j));
        cells[3 * j + 1] = shown_bound(t, j, &r, 0);
        cells[3 * j + 2] = shown_bound(t, j, &r, 1);
        wname = width(cells[3 * j]) > wname ? width(cells[3 * j]) : wname;
        wmin = width(cells[3 * j + 1]) > wmin ? width(cells[3 * j + 1]) : wmin;
    }
    fprintf(fp, "%s: %zu row%s, %zu column%s\n\n", table_name(t), table_nrows(t),
            table_nrows(t) == 1 ? "" : "s", nc, nc == 1 ? "" : "s");
    pad(fp, "column", wname);
    fputs("  type    missing  ", fp);
    pad(fp, "min", wmin);
    fputs("  max\n", fp);
    for (size_t j = 0; j < nc; j++) {
        pad(fp, cells[3 * j], wname);
        fprintf(fp, "  %-6s  %7zu  ", table_col_type(t, j) == TABLE_NUMBER ? "number" : "text",
                table_col_missing(t, j));
        pad(fp, cells[3 * j + 1], wmin);
        fprintf(fp, "  %s\n", cells[3 * j + 2]);
    }
    for (size_t k = 0; k < 3 * nc; k++)
        free(cells[k]);
    free(cells);
}

struct described {
    const table_t *t;
    int json;
};

static int write_description(FILE *fp, const void *arg, ds_err *err)
{
    const struct described *d = arg;
    (void)err;
    if (d->json)
        print_json(fp, d->t);
    else
        print_text(fp, d->t);
    return DS_OK;
}

int cmd_table(int argc, char **argv, ds_err *err)
{
    struct options o = {0};
    int rc = parse_options(argc, argv, &o, err);
    table_t *t = NULL;
    if (rc == DS_OK)
        rc = table_load_with(o.path, &o.load, &t, err);
    free_options(&o);
    if (rc > 0)
        return cli_finish(&cmd_table_cli, rc);
    if (rc != DS_OK)
        return rc;
    cli_table_notes("table", t, 0);
    struct described d = {t, o.json};
    rc = cli_write_output(o.output, write_description, &d, err);
    table_free(t);
    return rc;
}
