/* table: reference tables (population, doctor density, aggregates, …) read with libcsv.
 *
 * Owns loading a delimited text table into memory with typed columns, building tables in
 * code (join, derive), and writing them back out. Loading follows RFC 4180 (libcsv) plus the
 * habits of French public data: header row; delimiter detected among `,` `;` and tab; UTF-8
 * BOM; CRLF; Latin-1 converted to UTF-8; French numbers (decimal comma, space / no-break
 * space / narrow no-break space as thousands separator, trailing `%`); missing values
 * (empty, NA, nd, n.d., s, -). Lines starting with `#` before the header are comments.
 * A column is a number column when every non-missing cell parses as a number, text
 * otherwise; every cell keeps its original text (so a code column such as `01` stays `01`).
 * A ragged row or an unterminated quote is an error `FILE:LINE:COL: what was expected`;
 * a header that ends with the delimiter ("A;B;", as Open DAMIR's) has no empty last column,
 * and its rows may end with the delimiter or not (a value there is an error).
 *
 * Positions in messages: LINE is the physical line (1-based) of the file as read, counting
 * CRLF, LF and a lone CR as one line break each; COL is the 1-based byte column in that line
 * of the original file (the UTF-8 BOM is not counted; for Windows-1252 input it is the byte
 * of the original, not of the converted text).
 *
 * Encoding: a file that is valid UTF-8 is UTF-8; one with no valid multi-byte UTF-8
 * sequence at all is Windows-1252 (a superset of Latin-1) and converted; one that mixes
 * valid UTF-8 with invalid bytes is an error (`invalid UTF-8 byte 0xE9`). NUL bytes are
 * errors. Unquoted fields lose their leading and trailing spaces (libcsv); blank lines are
 * skipped. `nan` and `inf` are not numbers. A column with no value at all is a number
 * column (every non-missing cell parses, vacuously). A missing cell reads as "" and NAN; a
 * text column may still hold cells that parse (table_num gives them): check table_col_type
 * before a numeric use. The file is read whole into memory (reference tables are small);
 * standard input is named "stdin" in messages. */
#ifndef DAMIRSTAT_TABLE_H
#define DAMIRSTAT_TABLE_H

#include <stdio.h>
#include <stddef.h>

#include "damirstat/err.h"

typedef struct table table_t;

typedef enum { TABLE_NUMBER, TABLE_TEXT } table_type;

/* Loads path ("-" = stdin) into *out (caller frees with table_free). DS_EDATA with
 * FILE:LINE:COL for malformed input, DS_EIO when the file cannot be read. */
int table_load(const char *path, table_t **out, ds_err *err);

/* The same from a memory buffer; name is used in error messages. */
int table_load_buffer(const char *name, const char *data, size_t len, table_t **out,
                      ds_err *err);

typedef enum { TABLE_ENC_AUTO, TABLE_ENC_UTF8, TABLE_ENC_CP1252 } table_encoding;

/* What the loader may be told instead of guessing; all zero = the defaults above. */
typedef struct table_load_opts {
    size_t skip_lines;       /* physical lines dropped before comments and header (titles) */
    size_t skip_footer;      /* last non-blank physical lines dropped (notes, sources) */
    char delim;              /* ',' ';' or '\t'; 0 = detect from the header line */
    table_encoding encoding; /* TABLE_ENC_AUTO = detect as described above */
    const char *const *names; /* nnames column names when the file has no usable header: */
    size_t nnames;            /* the first line after skips and comments is then data */
    /* How the hint for title lines above the header spells the option, around the number
     * of lines: NULL = "--skip " and "" (the right table of a join: "--skip 0,"). */
    const char *skip_before, *skip_after;
} table_load_opts;

/* table_load and table_load_buffer with options (opts may be NULL). DS_EUSAGE for an
 * unsupported delimiter or empty or duplicate names in opts. */
int table_load_with(const char *path, const table_load_opts *opts, table_t **out, ds_err *err);
int table_load_buffer_with(const char *name, const char *data, size_t len,
                           const table_load_opts *opts, table_t **out, ds_err *err);

/* An empty table with the given column names (copied); rows are then appended. */
table_t *table_new(size_t ncols, const char *const *names);

/* Appends a row of ncols cells (copied); a NULL cell is missing. Types are re-inferred. */
void table_append_row(table_t *t, const char *const *cells);

/* Appends a numeric column (values copied; NAN means missing). DS_EUSAGE if the name is
 * taken or n differs from the row count. */
int table_add_number_column(table_t *t, const char *name, const double *values, size_t n,
                            ds_err *err);

void table_free(table_t *t); /* accepts NULL */

const char *table_name(const table_t *t); /* the path or name it was loaded from */
/* Names a built table (a join's result has none) so that messages can point at it. */
void table_set_name(table_t *t, const char *name);
size_t table_nrows(const table_t *t);
size_t table_ncols(const table_t *t);
const char *table_col_name(const table_t *t, size_t col);
/* Column index by exact name, or -1 (also for a NULL name). */
long table_col_index(const table_t *t, const char *name);
/* The column that names rows when none is given (fit --key, a study's key =): the first
 * one when it holds text (department codes with 2A, names), else -1 and rows are named by
 * their number, so that a number column (y, region codes) is never shown as departments. */
long table_label_column(const table_t *t);
table_type table_col_type(const table_t *t, size_t col);
size_t table_col_missing(const table_t *t, size_t col);

int table_is_missing(const table_t *t, size_t row, size_t col);
/* The cell as a number; NAN when missing or not a number. */
double table_num(const table_t *t, size_t row, size_t col);
/* The cell's text as read (UTF-8, quotes removed); "" when missing. Never NULL. */
const char *table_text(const table_t *t, size_t row, size_t col);
/* Line in the source file where the row starts (1 = header line; 0 for built rows). */
size_t table_row_line(const table_t *t, size_t row);

/* Finds column name: *col receives its index, or DS_EDATA "FILE: no column 'x'" (what, when
 * not NULL, qualifies it: "no weight column 'x'") with "did you mean" and the columns there
 * are (suggest.h): every command and study step names a missing column this way. */
int table_column(const table_t *t, const char *name, const char *what, size_t *col,
                 ds_err *err);

/* Finds column name and requires it numeric: table_column's error, or
 * "FILE:LINE: column 'x' is not numeric ("4*" is not a number)" naming the first cell that
 * made it text (one footnote mark is enough). */
int table_number_column(const table_t *t, const char *name, size_t *col, ds_err *err);

/* Parses one cell as a number with the loader's rules (French or English notation);
 * returns 1 and sets *value, or 0 if the text is not a number. Missing markers return 0. */
int table_parse_number(const char *s, size_t len, double *value);
/* Writes v with the fewest of 15, 16 or 17 significant digits that read back to the same
 * double ("" for NAN, "inf"/"-inf"); returns the length, as snprintf does. */
size_t table_format_number(double v, char *buf, size_t size);
/* 1 if the text is one of the missing-value markers (empty, NA, nd, n.d., s, -). */
int table_is_missing_text(const char *s, size_t len);

/* Notes about how the file was read that its user should see (the caller prints them as
 * warnings): a number column whose commas all stand before three digits ("1,223") beside
 * English-looking numbers ("987", "1.5") is read with decimal commas, as French tables
 * write them, and said so, since an English table writes thousands that way. Owned by t. */
size_t table_nnotes(const table_t *t);
const char *table_note(const table_t *t, size_t i);

/* Writes the table as delimited text (delim ',' ';' or '\t'), quoting cells as RFC 4180
 * requires; missing cells are written empty; numbers added with table_add_number_column
 * are written with the fewest digits that read back to the same double. */
int table_write(const table_t *t, FILE *fp, char delim, ds_err *err);

#endif
