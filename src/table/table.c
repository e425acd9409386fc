/* table: the in-memory table (building, reading cells, writing) and the cell rules shared
 * with the loader in table_load.c (missing markers, French numbers). */
#include "damirstat/table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "damirstat/suggest.h"
#include "table_impl.h"

table_t *table_create(const char *name, size_t ncols)
{
    table_t *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name ? name : "");
    t->ncols = ncols;
    t->cols = xcalloc(ncols ? ncols : 1, sizeof *t->cols);
    t->text_cap = 4096;
    t->text = xmalloc(t->text_cap);
    t->text[0] = '\0';
    t->text_len = 1;
    return t;
}

static void col_grow(struct table_col *c, size_t cap)
{
    c->off = xrealloc(c->off, cap * sizeof *c->off);
    c->num = xrealloc(c->num, cap * sizeof *c->num);
    c->miss = xrealloc(c->miss, cap * sizeof *c->miss);
}

void table_reserve(table_t *t, size_t nrows)
{
    if (nrows <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < nrows)
        cap *= 2;
    for (size_t j = 0; j < t->ncols; j++)
        col_grow(&t->cols[j], cap);
    t->line = xrealloc(t->line, cap * sizeof *t->line);
    t->cap = cap;
}

/* Copies s[0..len) and a NUL into the arena; returns its offset. */
static size_t arena_add(table_t *t, const char *s, size_t len)
{
    if (t->text_cap - t->text_len < len + 1) {
        size_t cap = t->text_cap;
        while (cap - t->text_len < len + 1)
            cap *= 2;
        t->text = xrealloc(t->text, cap);
        t->text_cap = cap;
    }
    size_t off = t->text_len;
    memcpy(t->text + off, s, len);
    t->text[off + len] = '\0';
    t->text_len += len + 1;
    return off;
}

void table_set_cell(table_t *t, size_t row, size_t col, const char *s, size_t len)
{
    struct table_col *c = &t->cols[col];
    if (!s || table_is_missing_text(s, len)) {
        c->off[row] = 0;
        c->num[row] = NAN;
        c->miss[row] = 1;
        c->missing++;
        return;
    }
    c->off[row] = arena_add(t, s, len);
    c->miss[row] = 0;
    if (!table_parse_number(s, len, &c->num[row])) {
        c->num[row] = NAN;
        c->non_numeric++;
    }
}

void table_commit_row(table_t *t, size_t line)
{
    t->line[t->nrows++] = line;
}

table_t *table_new(size_t ncols, const char *const *names)
{
    table_t *t = table_create("", ncols);
    for (size_t j = 0; j < ncols; j++)
        t->cols[j].name = xstrdup(names[j] ? names[j] : "");
    return t;
}

void table_append_row(table_t *t, const char *const *cells)
{
    table_reserve(t, t->nrows + 1);
    for (size_t j = 0; j < t->ncols; j++)
        table_set_cell(t, t->nrows, j, cells[j], cells[j] ? strlen(cells[j]) : 0);
    table_commit_row(t, 0);
}

void table_free(table_t *t)
{
    if (!t)
        return;
    for (size_t j = 0; j < t->ncols; j++) {
        free(t->cols[j].name);
        free(t->cols[j].off);
        free(t->cols[j].num);
        free(t->cols[j].miss);
    }
    free(t->cols);
    free(t->line);
    free(t->text);
    free(t->name);
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    free(t->notes);
    free(t);
}

size_t table_nnotes(const table_t *t) { return t->nnotes; }

const char *table_note(const table_t *t, size_t i) { return i < t->nnotes ? t->notes[i] : NULL; }

/* 1 for "1,223" or "-12,500": one to three digits, a comma, exactly three digits. */
static int thousands_like(const char *s)
{
    s += *s == '-' || *s == '+';
    size_t head = strspn(s, "0123456789");
    return head >= 1 && head <= 3 && s[head] == ',' && strspn(s + head + 1, "0123456789") == 3 &&
           s[head + 4] == '\0';
}

/* 1 for a number an English table writes beside thousands commas: a whole number of three
 * digits or more ("987"), or one with a decimal point ("1.5"). */
static int english_like(const char *s)
{
    s += *s == '-' || *s == '+';
    size_t digits = strspn(s, "0123456789");
    return (digits >= 3 && s[digits] == '\0') ||
           (digits >= 1 && s[digits] == '.' && strspn(s + digits + 1, "0123456789") > 0);
}

/* Takes note (allocated) into the table's notes. */
static void table_add_note(table_t *t, char *note)
{
    t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof *t->notes);
    t->notes[t->nnotes++] = note;
}

/* A thousands_like value ("1,234": at most a sign and 7 characters) as a decimal comma reads
 * it ("1.234"). */
static void comma_read_as(const char *v, char *out, size_t size)
{
    snprintf(out, size, "%s", v);
    *strchr(out, ',') = '.';
}

/* A column whose every comma stands before exactly three digits and after a first digit that
 * is not 0 ("1,234", "12,500"; never "0,125"): an English table writing thousands, or a French
 * one with three decimals. Read with decimal commas, and said, with the first such value. */
static void table_note_all_thousands(table_t *t, size_t j, size_t first)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const char *s = table_text(t, i, j);
        if (table_is_missing(t, i, j) || !strchr(s, ','))
            continue;
        s += *s == '-' || *s == '+';
        if (*s == '0')
            return; /* "0,125": a decimal comma */
    }
    char read_as[16];
    comma_read_as(table_text(t, first, j), read_as, sizeof read_as);
    size_t len = 512 + strlen(t->name) + strlen(t->cols[j].name);
    char *note = xmalloc(len);
    snprintf(note, len, "%s: column '%s': every comma stands before three digits, as in %s "
             "(line %zu), read as %s with a decimal comma: if its commas separate thousands, "
             "remove them", t->name, t->cols[j].name, table_text(t, first, j),
             table_row_line(t, first), read_as);
    table_add_note(t, note);
}

/* A number column whose commas all stand before exactly three digits ("1,223") beside
 * numbers English tables write ("987", "1.5") is read with decimal commas, as French tables
 * write them; an English table writes thousands so, and 1,223 would be a thousand times too
 * small. The reading is kept (most tables here are French) and said. */
void table_note_commas(table_t *t)
{
    for (size_t j = 0; j < t->ncols; j++) {
        if (table_col_type(t, j) != TABLE_NUMBER)
            continue;
        size_t comma = SIZE_MAX, english = SIZE_MAX, i;
        for (i = 0; i < t->nrows; i++) {
            const char *s = table_text(t, i, j);
            if (table_is_missing(t, i, j))
                continue;
            if (strchr(s, ',') && !thousands_like(s))
                break; /* a decimal comma for sure ("1,5"): the column is French */
            if (comma == SIZE_MAX && strchr(s, ','))
                comma = i;
            else if (english == SIZE_MAX && english_like(s))
                english = i;
        }
        if (i < t->nrows || comma == SIZE_MAX)
            continue;
        if (english == SIZE_MAX) {
            table_note_all_thousands(t, j, comma);
            continue;
        }
        char read_as[16];
        comma_read_as(table_text(t, comma, j), read_as, sizeof read_as);
        size_t len = 512 + strlen(t->name) + strlen(t->cols[j].name);
        char *note = xmalloc(len);
        snprintf(note, len, "%s: column '%s': %s (line %zu) is read as %s with a decimal comma, "
                 "beside %s (line %zu): if its commas separate thousands, remove them",
                 t->name, t->cols[j].name, table_text(t, comma, j), table_row_line(t, comma),
                 read_as, table_text(t, english, j), table_row_line(t, english));
        table_add_note(t, note);
    }
}

const char *table_name(const table_t *t) { return t->name; }

void table_set_name(table_t *t, const char *name)
{
    free(t->name);
    t->name = xstrdup(name);
}
size_t table_nrows(const table_t *t) { return t->nrows; }
size_t table_ncols(const table_t *t) { return t->ncols; }
const char *table_col_name(const table_t *t, size_t col) { return t->cols[col].name; }

long table_col_index(const table_t *t, const char *name)
{
    for (size_t j = 0; name && j < t->ncols; j++)
        if (strcmp(t->cols[j].name, name) == 0)
            return (long)j;
    return -1;
}

long table_label_column(const table_t *t)
{
    return t->ncols > 0 && table_col_type(t, 0) == TABLE_TEXT ? 0 : -1;
}

table_type table_col_type(const table_t *t, size_t col)
{
    return t->cols[col].non_numeric ? TABLE_TEXT : TABLE_NUMBER;
}

size_t table_col_missing(const table_t *t, size_t col) { return t->cols[col].missing; }

int table_is_missing(const table_t *t, size_t row, size_t col)
{
    return t->cols[col].miss[row];
}

double table_num(const table_t *t, size_t row, size_t col) { return t->cols[col].num[row]; }

const char *table_text(const table_t *t, size_t row, size_t col)
{
    return t->text + t->cols[col].off[row];
}

size_t table_row_line(const table_t *t, size_t row) { return t->line[row]; }

int table_add_number_column(table_t *t, const char *name, const double *values, size_t n,
                            ds_err *err)
{
    if (table_col_index(t, name) >= 0)
        return ds_err_set(err, DS_EUSAGE, "%s: column '%s' exists already", t->name, name);
    if (n != t->nrows)
        return ds_err_set(err, DS_EUSAGE, "%s: column '%s' has %zu values for %zu rows",
                          t->name, name, n, t->nrows);
    t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
    struct table_col *c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->name = xstrdup(name);
    if (t->cap)
        col_grow(c, t->cap);
    t->ncols++;
    for (size_t i = 0; i < n; i++) {
        char buf[40];
        c->num[i] = values[i];
        c->miss[i] = isnan(values[i]) != 0;
        c->missing += c->miss[i];
        c->off[i] = c->miss[i] ? 0 : arena_add(t, buf, table_format_number(values[i], buf,
                                                                           sizeof buf));
    }
    return DS_OK;
}

/* Length of the blank at p: ASCII space or tab, U+00A0 no-break space or U+202F narrow
 * no-break space (the thousands separators of French tables); 0 if none. */
static size_t blank_at(const unsigned char *p, const unsigned char *end)
{
    if (p < end && (*p == ' ' || *p == '\t'))
        return 1;
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF)
        return 3;
    return 0;
}

/* Length of the blank that ends just before end; 0 if none. */
static size_t blank_before(const unsigned char *p, const unsigned char *end)
{
    if (end - p >= 1 && (end[-1] == ' ' || end[-1] == '\t'))
        return 1;
    if (end - p >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0)
        return 2;
    if (end - p >= 3 && end[-3] == 0xE2 && end[-2] == 0x80 && end[-1] == 0xAF)
        return 3;
    return 0;
}

static void trim(const unsigned char **p, const unsigned char **end)
{
    size_t k;
    while ((k = blank_at(*p, *end)) > 0)
        *p += k;
    while ((k = blank_before(*p, *end)) > 0)
        *end -= k;
}

int table_is_missing_text(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    trim(&p, &end);
    size_t n = (size_t)(end - p);
    const char *w = (const char *)p;
    return n == 0 || (n == 1 && (*w == 's' || *w == '-')) ||
           (n == 2 && (strncasecmp(w, "NA", 2) == 0 || strncasecmp(w, "nd", 2) == 0)) ||
           (n == 4 && strncasecmp(w, "n.d.", 4) == 0);
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Copies the integer part into out, dropping thousands separators. A separator must sit
 * between digit groups of three ("1 234 567"), so that "12 5" is text, not 125. Returns the
 * number of digits, or -1 when a separator is misplaced. */
static long copy_integer_part(const unsigned char **pp, const unsigned char *end, char *out,
                              size_t *n)
{
    const unsigned char *p = *pp;
    long digits = 0, group = 0;
    int separated = 0;
    for (;;) {
        size_t k;
        if (p < end && is_digit(*p)) {
            out[(*n)++] = (char)*p++;
            digits++;
            group++;
        } else if (digits > 0 && (k = blank_at(p, end)) > 0 && p + k < end && is_digit(p[k])) {
            if (separated ? group != 3 : group > 3)
                return -1;
            separated = 1;
            group = 0;
            p += k;
        } else {
            break;
        }
    }
    *pp = p;
    return separated && group != 3 ? -1 : digits;
}

static long copy_digits(const unsigned char **pp, const unsigned char *end, char *out, size_t *n)
{
    long digits = 0;
    while (*pp < end && is_digit(**pp)) {
        out[(*n)++] = (char)*(*pp)++;
        digits++;
    }
    return digits;
}

/* Rewrites a French or English number into C notation in out (room for len + 2 bytes);
 * returns 0 when the text is not a number. */
static int normalize_number(const unsigned char *p, const unsigned char *end, char *out)
{
    size_t n = 0;
    trim(&p, &end);
    if (p < end && end[-1] == '%') {
        end--;
        trim(&p, &end);
    }
    if (p < end && (*p == '+' || *p == '-'))
        out[n++] = (char)*p++;
    long digits = copy_integer_part(&p, end, out, &n);
    if (digits < 0)
        return 0;
    if (p < end && (*p == ',' || *p == '.')) {
        p++;
        out[n++] = '.';
        digits += copy_digits(&p, end, out, &n);
    }
    if (digits == 0)
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        out[n++] = 'e';
        if (p < end && (*p == '+' || *p == '-'))
            out[n++] = (char)*p++;
        if (copy_digits(&p, end, out, &n) == 0)
            return 0;
    }
    out[n] = '\0';
    return p == end;
}

int table_parse_number(const char *s, size_t len, double *value)
{
    char small[128];
    char *buf = len + 2 <= sizeof small ? small : xmalloc(len + 2);
    int ok = normalize_number((const unsigned char *)s, (const unsigned char *)s + len, buf);
    if (ok) {
        char *e;
        errno = 0;
        double v = strtod(buf, &e);
        /* An overflow to infinity is not a value anyone wrote down: the cell stays text. */
        ok = *e == '\0' && isfinite(v);
        if (ok)
            *value = v;
    }
    if (buf != small)
        free(buf);
    return ok;
}

size_t table_format_number(double v, char *buf, size_t size)
{
    if (isnan(v)) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    if (v == 0)
        v = 0; /* -0 (from -a * 0 or -a^2 of 0) is written 0, as R and spreadsheets do */
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return n < 0 ? 0 : (size_t)n;
}

/* RFC 4180 quoting, plus leading or trailing blanks (the loader trims those of unquoted
 * fields) and a leading '#' in the header (the loader reads it as a comment). */
static int needs_quotes(const char *s, char delim, int header)
{
    size_t len = strlen(s);
    if (len == 0)
        return 0;
    if (strchr(s, delim) || strpbrk(s, "\"\r\n"))
        return 1;
    if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
        return 1;
    return header && s[0] == '#';
}

static void write_cell(FILE *fp, const char *s, char delim, int header)
{
    if (!needs_quotes(s, delim, header)) {
        fputs(s, fp);
        return;
    }
    putc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', fp);
        putc(*s, fp);
    }
    putc('"', fp);
}

/* A number cell as a C-locale number: its own text when it already reads back as the same
 * value (so "0.10" stays "0.10"), else the shortest %g that does ("1,5" and "1 234" from a
 * French table become 1.5 and 1234, which R's read.csv and DuckDB read as numbers). */
static const char *number_text(const table_t *t, size_t i, size_t j, char *buf, size_t size)
{
    const char *cell = table_text(t, i, j);
    if (table_is_missing(t, i, j))
        return "";
    double v = table_num(t, i, j);
    char *end;
    int saved = errno; /* a write error's errno must survive to table_write's message */
    double back = strtod(cell, &end);
    if (*cell && !*end && back == v && !isspace((unsigned char)*cell)) {
        errno = saved;
        return cell;
    }
    table_format_number(v, buf, size);
    errno = saved;
    return buf;
}

int table_write(const table_t *t, FILE *fp, char delim, ds_err *err)
{
    if (delim != ',' && delim != ';' && delim != '\t')
        return ds_err_set(err, DS_EUSAGE, "table: delimiter must be ',', ';' or tab");
    for (size_t j = 0; j < t->ncols; j++) {
        if (j)
            putc(delim, fp);
        write_cell(fp, t->cols[j].name, delim, 1);
    }
    putc('\n', fp);
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t j = 0; j < t->ncols; j++) {
            if (j)
                putc(delim, fp);
            char num[40];
            const char *cell = table_col_type(t, j) == TABLE_NUMBER
                                   ? number_text(t, i, j, num, sizeof num)
                                   : table_text(t, i, j);
            /* A lone empty cell would make a blank line, which the loader skips. */
            if (t->ncols == 1 && !*cell)
                fputs("\"\"", fp);
            else
                write_cell(fp, cell, delim, 0);
        }
        putc('\n', fp);
    }
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "%s: write error: %s", t->name[0] ? t->name : "table",
                          strerror(errno));
    return DS_OK;
}

int table_column(const table_t *t, const char *name, const char *what, size_t *col,
                 ds_err *err)
{
    long c = table_col_index(t, name);
    if (c >= 0) {
        *col = (size_t)c;
        return DS_OK;
    }
    const char **names = xmalloc((t->ncols + 1) * sizeof *names);
    for (size_t i = 0; i < t->ncols; i++)
        names[i] = t->cols[i].name;
    char hint[600];
    suggest_hint(hint, sizeof hint, name, names, t->ncols, "columns", 1);
    free(names);
    return ds_err_set(err, DS_EDATA, "%s: no %s%scolumn '%s'%s", table_name(t), what ? what : "",
                      what ? " " : "", name, hint);
}

int table_number_column(const table_t *t, const char *name, size_t *col, ds_err *err)
{
    int rc = table_column(t, name, NULL, col, err);
    if (rc)
        return rc;
    if (table_col_type(t, *col) == TABLE_NUMBER)
        return DS_OK;
    for (size_t r = 0; r < table_nrows(t); r++) {
        const char *s = table_text(t, r, *col);
        double v;
        if (!table_is_missing(t, r, *col) && !table_parse_number(s, strlen(s), &v))
            return ds_err_set(err, DS_EDATA, "%s:%zu: column '%s' is not numeric (\"%.40s\" is "
                              "not a number)", table_name(t), table_row_line(t, r), name, s);
    }
    return ds_err_set(err, DS_EDATA, "%s: column '%s' is not numeric", table_name(t), name);
}
