/* table_load: reading a delimited file into a table_t with libcsv.
 *
 * The whole file is read into memory (reference tables are small: the largest we use has
 * 57,640 rows), checked for NUL bytes, its encoding settled (UTF-8 kept, Windows-1252
 * converted), title, comment and blank lines skipped, the delimiter detected on the header
 * line, then fed to libcsv one physical line at a time: callbacks then always know the line
 * they are on, and positions inside a row (for error messages only) are found by re-reading
 * that row's bytes. */
#include "damirstat/table.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_impl.h"

struct loader {
    const char *name;
    const char *buf;       /* the UTF-8 text being parsed, BOM removed */
    size_t len;
    char *owned;           /* buf when converted from Windows-1252, else NULL */
    char delim;
    table_t *t;            /* created when the header row ends */
    char **names;          /* header fields until then */
    size_t nnames, names_cap;
    size_t line;           /* physical line of the chunk being fed */
    size_t chunk_off, chunk_end;
    size_t row_off, row_line; /* where the current row started */
    int in_row, row_ended;
    size_t nfields;        /* fields seen so far in the current row */
    int trailing;          /* the header ends with a delimiter ("A;B;", as Open DAMIR's) */
    int named;             /* the columns were named by the caller: no header line */
    int failed;
    const char *skip_before, *skip_after; /* table_load_opts: how the hint spells --skip */
    ds_err *err;
};

/* ": is line N the header, below title lines? --skip N-1 drops them (…)" into buf. */
static void title_hint(const struct loader *ld, size_t line, char *buf, size_t size)
{
    snprintf(buf, size, ": is line %zu the header, below title lines? %s%zu%s drops them "
             "(skip = %zu in a study)", line, ld->skip_before ? ld->skip_before : "--skip ",
             line - 1, ld->skip_after ? ld->skip_after : "", line - 1);
}

/* Length of the line break at i (2 for CRLF, 1 for LF or a lone CR), 0 if none. */
static size_t break_at(const char *buf, size_t len, size_t i)
{
    if (buf[i] == '\n')
        return 1;
    if (buf[i] == '\r')
        return i + 1 < len && buf[i + 1] == '\n' ? 2 : 1;
    return 0;
}

/* Line and column of byte off, as documented in table.h. Only error paths call this, so
 * it simply counts from the start. */
static void where(const struct loader *ld, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, start = 0;
    for (size_t i = 0; i < off && i < ld->len; i++) {
        size_t k = break_at(ld->buf, ld->len, i);
        if (k) {
            i += k - 1;
            l++;
            start = i + 1;
        }
    }
    size_t c = 1;
    for (size_t i = start; i < off && i < ld->len; i++)
        if (!ld->owned || ((unsigned char)ld->buf[i] & 0xC0) != 0x80)
            c++;
    *line = l;
    *col = c;
}

/* Sets a DS_EDATA error "NAME:LINE:COL: " + message about byte off. */
__attribute__((format(printf, 3, 4)))
static int fail_at(struct loader *ld, size_t off, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t line, col;
    where(ld, off, &line, &col);
    ld->failed = 1;
    return ds_err_set(ld->err, DS_EDATA, "%s:%zu:%zu: %s", ld->name, line, col, msg);
}

static int check_nul(struct loader *ld)
{
    const char *nul = memchr(ld->buf, '\0', ld->len);
    if (!nul)
        return DS_OK;
    /* Gzip's magic bytes are followed by a NUL within four bytes: say what the file is. */
    if (ld->len >= 2 && (unsigned char)ld->buf[0] == 0x1f && (unsigned char)ld->buf[1] == 0x8b)
        return fail_at(ld, 0, "a gzip file: reference tables are read uncompressed "
                              "(gunzip it first)");
    return fail_at(ld, (size_t)(nul - ld->buf),
                   "NUL byte in a text table (is it a binary or UTF-16 file?)");
}

/* Length of the well-formed UTF-8 sequence at p (1 for ASCII), 0 if ill-formed: overlong
 * forms, surrogates and code points past U+10FFFF are ill-formed (Unicode table 3-7). */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Windows-1252 bytes 0x80-0x9F as Unicode code points; 0 where the code page leaves the
 * byte undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Bytes 0xA0-0xFF are Latin-1 itself. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static int convert_cp1252(struct loader *ld)
{
    char *out = xmalloc(3 * ld->len + 1);
    size_t n = 0;
    for (size_t i = 0; i < ld->len; i++) {
        unsigned char c = (unsigned char)ld->buf[i];
        unsigned cp = c >= 0x80 && c <= 0x9F ? cp1252_high[c - 0x80] : c;
        if (cp == 0) {
            free(out);
            return fail_at(ld, i, "byte 0x%02X is neither UTF-8 nor a Windows-1252 character",
                           c);
        }
        n += put_utf8(out + n, cp);
    }
    ld->owned = out;
    ld->buf = out;
    ld->len = n;
    return DS_OK;
}

/* Settles the encoding: valid UTF-8 stays; text without a single valid multi-byte UTF-8
 * sequence is Windows-1252 (Excel's "CSV" on French Windows) and is converted; a mix of
 * both cannot be read without guessing, so it is an error at the first invalid byte. */
static int settle_encoding(struct loader *ld, table_encoding enc)
{
    if (enc == TABLE_ENC_CP1252)
        return convert_cp1252(ld);
    const unsigned char *p = (const unsigned char *)ld->buf, *end = p + ld->len;
    const unsigned char *first_bad = NULL;
    int multibyte = 0;
    while (p < end) {
        size_t n = utf8_len(p, end);
        if (n == 0) {
            if (!first_bad)
                first_bad = p;
            n = 1;
        }
        multibyte |= n > 1;
        p += n;
    }
    if (!first_bad)
        return DS_OK;
    if (enc == TABLE_ENC_AUTO && !multibyte)
        return convert_cp1252(ld);
    size_t off = (size_t)(first_bad - (const unsigned char *)ld->buf);
    return fail_at(ld, off, "invalid UTF-8 byte 0x%02X (%s)", *first_bad,
                   enc == TABLE_ENC_UTF8 ? "the file was declared UTF-8"
                                         : "the file mixes UTF-8 with another encoding");
}

/* Offset just past the line starting at off (after its line break), or len. */
static size_t next_line(const struct loader *ld, size_t off)
{
    for (size_t i = off; i < ld->len; i++) {
        size_t k = break_at(ld->buf, ld->len, i);
        if (k)
            return i + k;
    }
    return ld->len;
}

/* 1 if bytes [off, end) hold something libcsv would read as a field: anything but line
 * breaks and the blanks it trims (a tab is a field separator when it is the delimiter). */
static int has_content(const struct loader *ld, size_t off, size_t end)
{
    for (size_t i = off; i < end; i++) {
        char c = ld->buf[i];
        if (c != '\r' && c != '\n' && c != ' ' && (c != '\t' || ld->delim == '\t'))
            return 1;
    }
    return 0;
}

/* Skips skip_lines title lines, then comment (`#`) and blank lines; *off and *line receive
 * where the header starts. */
static int find_header(struct loader *ld, size_t skip_lines, size_t *off, size_t *line)
{
    size_t o = 0, l = 1;
    for (size_t i = 0; i < skip_lines && o < ld->len; i++, l++)
        o = next_line(ld, o);
    while (o < ld->len) {
        size_t e = next_line(ld, o);
        if (ld->buf[o] != '#' && has_content(ld, o, e))
            break;
        o = e;
        l++;
    }
    *off = o;
    *line = l;
    /* With names given, nothing but comments is a table without rows. */
    if (o < ld->len || (ld->t && ld->len > 0))
        return DS_OK;
    if (ld->len == 0)
        return fail_at(ld, 0, "empty file, expected a header line");
    return fail_at(ld, o, "expected a header line, found only %s",
                   skip_lines ? "skipped, comment and blank lines" : "comment and blank lines");
}

/* Counts ',' ';' and tab outside quotes on the line starting at off. */
static void count_delims(const struct loader *ld, size_t off, size_t *comma, size_t *semi,
                         size_t *tab)
{
    int quoted = 0;
    *comma = *semi = *tab = 0;
    for (size_t i = off; i < ld->len; i++) {
        char c = ld->buf[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            ++*comma;
        else if (!quoted && c == ';')
            ++*semi;
        else if (!quoted && c == '\t')
            ++*tab;
    }
}

/* How messages name a delimiter: as a word, quoted, as typed after -d in a shell (';' must
 * be quoted there), and as a study's delim = takes it. */
static const char *delim_word(char d) { return d == ',' ? "comma" : d == ';' ? "semicolon" : "tab"; }
static const char *delim_quoted(char d) { return d == ',' ? "','" : d == ';' ? "';'" : "tab"; }
static const char *delim_shell(char d) { return d == ',' ? "," : d == ';' ? "';'" : "tab"; }
static const char *delim_study(char d) { return d == ',' ? "," : d == ';' ? ";" : "tab"; }

/* A header line without a delimiter above a line with some is a title above the real
 * header (INSEE and DREES downloads), not a table of one column whose rows would each be
 * read whole ("dep;pop" a value): say so, rather than answer "no column 'dep'" later. */
static int check_title(struct loader *ld, size_t off)
{
    size_t next = next_line(ld, off), line, col, n[3] = {0, 0, 0};
    /* titles are a few lines: a delimiter far down is a value of a one-column table */
    for (int k = 0; k < 10 && next < ld->len; k++, next = next_line(ld, next)) {
        count_delims(ld, next, &n[0], &n[1], &n[2]);
        if (n[0] + n[1] + n[2] > 0)
            break;
    }
    if (next >= ld->len || n[0] + n[1] + n[2] == 0)
        return DS_OK;
    char d = n[0] >= n[1] && n[0] >= n[2] ? ',' : n[1] >= n[2] ? ';' : '\t';
    if (d == ld->delim) /* its rows will have more fields than the title: on_row says so */
        return DS_OK;
    size_t count = d == ',' ? n[0] : d == ';' ? n[1] : n[2];
    where(ld, next, &line, &col);
    char hint[200];
    title_hint(ld, line, hint, sizeof hint);
    return fail_at(ld, off, "the header line has no delimiter but line %zu has %zu %s%s%s; "
                   "for a table of one column, give -d", line, count, delim_quoted(d),
                   d == '\t' && count > 1 ? "s" : "", hint);
}

/* The delimiter is the most frequent of ',' ';' and tab outside quotes on the header
 * line; a tie is refused rather than guessed. No delimiter at all means one column. */
static int detect_delim(struct loader *ld, size_t off)
{
    size_t comma, semi, tab;
    count_delims(ld, off, &comma, &semi, &tab);
    size_t best = comma > semi ? comma : semi;
    best = tab > best ? tab : best;
    if (best > 0 && (comma == best) + (semi == best) + (tab == best) > 1)
        return fail_at(ld, off,
                       "cannot tell the delimiter: the header line has %zu ',', %zu ';' and "
                       "%zu tabs (give it with -d, or delim = in a study)", comma, semi, tab);
    ld->delim = best == 0 || comma == best ? ',' : semi == best ? ';' : '\t';
    return best == 0 ? check_title(ld, off) : DS_OK;
}

/* A delimiter given that the header line does not hold, when it holds another one: the
 * table would be read as one column and every name asked for would be "missing". */
static int check_delim(struct loader *ld, size_t off, char given)
{
    size_t n[3];
    const char cand[3] = {',', ';', '\t'};
    count_delims(ld, off, &n[0], &n[1], &n[2]);
    size_t best = 3;
    for (size_t i = 0; i < 3; i++) {
        if (cand[i] == given && n[i] > 0)
            return DS_OK;
        if (cand[i] != given && n[i] > 0 && (best == 3 || n[i] > n[best]))
            best = i;
    }
    if (best == 3)
        return DS_OK;
    char other = cand[best];
    size_t line, col;
    where(ld, off, &line, &col);
    ds_err_set(ld->err, DS_EUSAGE, "%s:%zu: the header has no %s but %zu %s%s: this file looks "
               "%s-separated: use -d %s (delim = %s in a study), or leave the delimiter out",
               ld->name, line, delim_quoted(given), n[best], delim_quoted(other),
               other == '\t' && n[best] > 1 ? "s" : "", delim_word(other), delim_shell(other),
               delim_study(other));
    ld->failed = 1;
    return DS_EUSAGE;
}

/* Offset where field k (0-based) of the row starting at off begins; the end of the row if
 * it has fewer fields. Quotes are followed as libcsv does. */
static size_t field_start(const struct loader *ld, size_t off, size_t k)
{
    int quoted = 0;
    size_t field = 0;
    if (k == 0)
        return off;
    for (size_t i = off; i < ld->len; i++) {
        char c = ld->buf[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            return i;
        else if (!quoted && c == ld->delim && ++field == k)
            return i + 1;
    }
    return ld->len;
}

/* Where the quote left open at the end of the input opened: the last quote that starts a
 * field (after blanks) in the row starting at off. */
static size_t open_quote(const struct loader *ld, size_t off)
{
    size_t opened = off;
    int quoted = 0, at_start = 1;
    for (size_t i = off; i < ld->len; i++) {
        char c = ld->buf[i];
        if (quoted) {
            if (c == '"' && i + 1 < ld->len && ld->buf[i + 1] == '"')
                i++;
            else if (c == '"')
                quoted = 0;
        } else if (c == '"' && at_start) {
            quoted = 1;
            opened = i;
        } else if (c == ld->delim || c == '\n' || c == '\r') {
            at_start = 1;
            continue;
        } else if (c != ' ' && c != '\t') {
            at_start = 0;
        }
    }
    return opened;
}

static void on_field(void *s, size_t n, void *data)
{
    struct loader *ld = data;
    if (ld->failed)
        return;
    if (!ld->t) {
        if (ld->nnames == ld->names_cap) {
            ld->names_cap = ld->names_cap ? 2 * ld->names_cap : 16;
            ld->names = xrealloc(ld->names, ld->names_cap * sizeof *ld->names);
        }
        ld->names[ld->nnames++] = s ? xstrndup(s, n) : xstrdup("");
    } else if (ld->nfields < ld->t->ncols) {
        table_reserve(ld->t, ld->t->nrows + 1);
        table_set_cell(ld->t, ld->t->nrows, ld->nfields, s, n);
    } else if (ld->trailing && ld->nfields == ld->t->ncols && n > 0) {
        fail_at(ld, field_start(ld, ld->row_off, ld->nfields),
                "a value after the last column: the header ends with '%c', naming no column "
                "here", ld->delim);
    }
    ld->nfields++;
}

/* Offset of the line break that ends the current row (the input's end at fini). */
static size_t row_end(const struct loader *ld)
{
    size_t e = ld->chunk_end;
    if (e > ld->chunk_off && ld->buf[e - 1] == '\n')
        e--;
    if (e > ld->chunk_off && ld->buf[e - 1] == '\r')
        e--;
    return e;
}

static int cmp_names(const void *a, const void *b, void *names)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(((char **)names)[i], ((char **)names)[j]);
    return c ? c : (i > j) - (i < j);
}

/* Finds the first column (in file order) whose name repeats an earlier one: *first and
 * *second receive both indexes; returns 0 when all names differ. Sorting keeps a header of
 * many thousand columns (a hostile file) from taking quadratic time. */
static int find_duplicate(char **names, size_t n, size_t *first, size_t *second)
{
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t j = 0; j < n; j++)
        order[j] = j;
    qsort_r(order, n, sizeof *order, cmp_names, names);
    int found = 0;
    /* In a run of equal names, the first two are its earliest pair. */
    for (size_t k = 1; k < n; k++)
        if (strcmp(names[order[k - 1]], names[order[k]]) == 0 &&
            (k < 2 || strcmp(names[order[k - 2]], names[order[k]]) != 0) &&
            (!found || order[k] < *second)) {
            found = 1;
            *first = order[k - 1];
            *second = order[k];
        }
    free(order);
    return found;
}

/* Turns the header fields into the table's columns: names must be non-empty and distinct,
 * since columns are looked up by name. */
static void end_header(struct loader *ld)
{
    /* A delimiter ending every line ("A;B;", as Open DAMIR's files and some exports write
     * them) adds an empty field, not a column: rows may end with it or without it. */
    size_t e = row_end(ld);
    while (e > ld->row_off &&
           (ld->buf[e - 1] == ' ' || (ld->buf[e - 1] == '\t' && ld->delim != '\t')))
        e--;
    if (ld->nnames > 1 && ld->names[ld->nnames - 1][0] == '\0' && e > ld->row_off &&
        ld->buf[e - 1] == ld->delim) {
        free(ld->names[--ld->nnames]);
        ld->trailing = 1;
    }
    for (size_t j = 0; j < ld->nnames; j++)
        if (ld->names[j][0] == '\0') {
            fail_at(ld, field_start(ld, ld->row_off, j), "empty column name (column %zu)",
                    j + 1);
            return;
        }
    size_t first = 0, second = 0;
    if (find_duplicate(ld->names, ld->nnames, &first, &second)) {
        fail_at(ld, field_start(ld, ld->row_off, second),
                "duplicate column name '%s' (columns %zu and %zu)", ld->names[second],
                first + 1, second + 1);
        return;
    }
    ld->t = table_create(ld->name, ld->nnames);
    for (size_t j = 0; j < ld->nnames; j++)
        ld->t->cols[j].name = ld->names[j];
    ld->nnames = 0;
}

static void on_row(int terminator, void *data)
{
    struct loader *ld = data;
    (void)terminator;
    ld->in_row = 0;
    ld->row_ended = 1;
    if (ld->failed)
        return;
    if (!ld->t) {
        end_header(ld);
    } else if (ld->nfields != ld->t->ncols &&
               !(ld->trailing && ld->nfields == ld->t->ncols + 1)) {
        size_t at = ld->nfields > ld->t->ncols ? field_start(ld, ld->row_off, ld->t->ncols)
                                               : row_end(ld);
        char hint[200] = "";
        /* A "header" of one field, or one split by another delimiter than the row right
         * below it: a title line (an INSEE or DREES download) above the real header. */
        size_t n[3];
        count_delims(ld, ld->row_off, &n[0], &n[1], &n[2]);
        char row_delim = n[0] >= n[1] && n[0] >= n[2] ? ',' : n[1] >= n[2] ? ';' : '\t';
        /* Or a first row with more fields than the "header": a title split by the same
         * delimiter ("Population; INSEE" above "dep;pop;annee"). */
        if ((ld->t->ncols == 1 && ld->nfields > 1) ||
            (ld->t->nrows == 0 && n[0] + n[1] + n[2] > 0 && row_delim != ld->delim) ||
            (ld->t->nrows == 0 && ld->nfields > ld->t->ncols && !ld->named))
            title_hint(ld, ld->row_line, hint, sizeof hint);
        fail_at(ld, at, "expected %zu fields (as in the header), got %zu%s", ld->t->ncols,
                ld->nfields, hint);
    } else {
        table_commit_row(ld->t, ld->row_line);
    }
    ld->nfields = 0;
}

/* libcsv in strict mode stops at a quote inside an unquoted field or at text after a
 * closing quote; off is the byte it stopped at. */
static int strict_error(struct loader *ld, size_t off)
{
    if (ld->buf[off] == '"')
        return fail_at(ld, off, "quote inside an unquoted field (quote the whole field and "
                                "double the quotes inside it)");
    return fail_at(ld, off, "expected a delimiter or the end of the line after a closing "
                            "quote");
}

/* Feeds [off, len) to libcsv one physical line at a time, so that the callbacks know the
 * line; a row starts on the first line since the last row end that holds content. */
static int parse_rows(struct loader *ld, struct csv_parser *p, size_t off, size_t line)
{
    ld->line = line;
    while (off < ld->len && !ld->failed) {
        size_t end = next_line(ld, off);
        ld->chunk_off = off;
        ld->chunk_end = end;
        if (!ld->in_row) {
            ld->row_off = off;
            ld->row_line = ld->line;
        }
        ld->row_ended = 0;
        size_t used = csv_parse(p, ld->buf + off, end - off, on_field, on_row, ld);
        if (ld->failed)
            break;
        if (used < end - off)
            return strict_error(ld, off + used);
        if (!ld->in_row && !ld->row_ended && has_content(ld, off, end))
            ld->in_row = 1;
        ld->line++;
        off = end;
    }
    if (ld->failed)
        return DS_EDATA;
    ld->chunk_off = ld->chunk_end = ld->len;
    if (csv_fini(p, on_field, on_row, ld) != 0 && !ld->failed)
        return fail_at(ld, open_quote(ld, ld->row_off),
                       "unterminated quoted field: this quote never closes");
    return ld->failed ? DS_EDATA : DS_OK;
}

/* Drops the last n non-blank physical lines (the notes and sources under INSEE tables). */
static void cut_footer(struct loader *ld, size_t n)
{
    size_t end = ld->len;
    for (size_t k = 0; k < n; k++) {
        while (end > 0 && (ld->buf[end - 1] == '\n' || ld->buf[end - 1] == '\r'))
            end--;
        while (end > 0 && ld->buf[end - 1] != '\n' && ld->buf[end - 1] != '\r')
            end--;
    }
    ld->len = end;
}

/* Columns named by the caller instead of a header line; they must be usable as a header. */
static int given_names(struct loader *ld, const table_load_opts *opts)
{
    for (size_t j = 0; j < opts->nnames; j++) {
        if (!opts->names[j] || !opts->names[j][0])
            return ds_err_set(ld->err, DS_EUSAGE, "%s: column name %zu is empty", ld->name,
                              j + 1);
        for (size_t i = 0; i < j; i++)
            if (strcmp(opts->names[i], opts->names[j]) == 0)
                return ds_err_set(ld->err, DS_EUSAGE,
                                  "%s: duplicate column name '%s' (columns %zu and %zu)",
                                  ld->name, opts->names[j], i + 1, j + 1);
    }
    ld->t = table_create(ld->name, opts->nnames);
    ld->named = 1;
    for (size_t j = 0; j < opts->nnames; j++)
        ld->t->cols[j].name = xstrdup(opts->names[j]);
    return DS_OK;
}

static int parse(struct loader *ld, const table_load_opts *opts)
{
    size_t off, line;
    cut_footer(ld, opts->skip_footer);
    int rc = opts->nnames ? given_names(ld, opts) : DS_OK;
    if (rc == DS_OK)
        rc = find_header(ld, opts->skip_lines, &off, &line);
    if (rc == DS_OK && !opts->delim)
        rc = detect_delim(ld, off);
    if (rc == DS_OK && opts->delim && !opts->nnames && off < ld->len)
        rc = check_delim(ld, off, opts->delim);
    if (rc != DS_OK)
        return rc;
    if (opts->delim)
        ld->delim = opts->delim;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return ds_err_set(ld->err, DS_EIO, "%s: cannot start the CSV parser", ld->name);
    csv_set_delim(&p, (unsigned char)ld->delim);
    csv_set_realloc_func(&p, xrealloc);
    csv_set_free_func(&p, free);
    rc = parse_rows(ld, &p, off, line);
    csv_free(&p);
    return rc;
}

int table_load_buffer_with(const char *name, const char *data, size_t len,
                           const table_load_opts *opts, table_t **out, ds_err *err)
{
    static const table_load_opts defaults;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    if (opts->delim && opts->delim != ',' && opts->delim != ';' && opts->delim != '\t')
        return ds_err_set(err, DS_EUSAGE, "%s: delimiter must be ',', ';' or tab", name);
    struct loader ld = {.name = name, .buf = data, .len = len, .skip_before = opts->skip_before,
                        .skip_after = opts->skip_after, .err = err};
    /* The BOM is not content; dropping it here keeps every line and column as an editor
     * shows them. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        ld.buf += 3;
        ld.len -= 3;
    }
    int rc = check_nul(&ld);
    if (rc == DS_OK)
        rc = settle_encoding(&ld, opts->encoding);
    if (rc == DS_OK)
        rc = parse(&ld, opts);
    for (size_t j = 0; j < ld.nnames; j++)
        free(ld.names[j]);
    free(ld.names);
    free(ld.owned);
    if (rc != DS_OK) {
        table_free(ld.t);
        return rc;
    }
    table_note_commas(ld.t);
    *out = ld.t;
    return DS_OK;
}

int table_load_buffer(const char *name, const char *data, size_t len, table_t **out,
                      ds_err *err)
{
    return table_load_buffer_with(name, data, len, NULL, out, err);
}

/* Reads the whole stream; the caller frees *data. */
static int read_all(FILE *fp, const char *name, char **data, size_t *len, ds_err *err)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(fp)) {
        int e = errno;
        free(buf);
        return ds_err_set(err, DS_EIO, "%s: cannot read: %s", name, strerror(e));
    }
    *data = buf;
    *len = n;
    return DS_OK;
}

int table_load_with(const char *path, const table_load_opts *opts, table_t **out, ds_err *err)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "stdin" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp)
        return ds_err_set(err, DS_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *data = NULL;
    size_t len = 0;
    int rc = read_all(fp, name, &data, &len, err);
    if (!is_stdin)
        fclose(fp);
    if (rc == DS_OK)
        rc = table_load_buffer_with(name, data, len, opts, out, err);
    free(data);
    return rc;
}

int table_load(const char *path, table_t **out, ds_err *err)
{
    return table_load_with(path, NULL, out, err);
}
