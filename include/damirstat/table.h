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
 * A ragged row or an unterminated quote is an error `FILE:LINE:COL: what was expected`. */
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
size_t table_nrows(const table_t *t);
size_t table_ncols(const table_t *t);
const char *table_col_name(const table_t *t, size_t col);
/* Column index by exact name, or -1. */
long table_col_index(const table_t *t, const char *name);
table_type table_col_type(const table_t *t, size_t col);
size_t table_col_missing(const table_t *t, size_t col);

int table_is_missing(const table_t *t, size_t row, size_t col);
/* The cell as a number; NAN when missing or not a number. */
double table_num(const table_t *t, size_t row, size_t col);
/* The cell's text as read (UTF-8, quotes removed); "" when missing. Never NULL. */
const char *table_text(const table_t *t, size_t row, size_t col);
/* Line in the source file where the row starts (1 = header line; 0 for built rows). */
size_t table_row_line(const table_t *t, size_t row);

/* Parses one cell as a number with the loader's rules (French or English notation);
 * returns 1 and sets *value, or 0 if the text is not a number. Missing markers return 0. */
int table_parse_number(const char *s, size_t len, double *value);
/* 1 if the text is one of the missing-value markers (empty, NA, nd, n.d., s, -). */
int table_is_missing_text(const char *s, size_t len);

/* Writes the table as delimited text (delim ',' ';' or '\t'), quoting cells as RFC 4180
 * requires; missing cells are written empty; numbers added with table_add_number_column
 * are written with the fewest digits that read back to the same double. */
int table_write(const table_t *t, FILE *fp, char delim, ds_err *err);

#endif
