/* table_impl: the inside of table_t, shared by table.c (building, reading, writing) and
 * table_load.c (parsing files). Not part of the public contract. */
#ifndef DAMIRSTAT_TABLE_IMPL_H
#define DAMIRSTAT_TABLE_IMPL_H

#include <stddef.h>

#include "damirstat/table.h"

/* Cells live column by column so that a column can be added without moving the others;
 * every cell's text sits in the table's one text arena, so a row costs no allocation. */
struct table_col {
    char *name;
    size_t *off;          /* offset of each cell's NUL-terminated text in the arena */
    double *num;          /* the cell as a number; NAN when missing or not a number */
    unsigned char *miss;  /* 1 when the cell is missing */
    size_t missing;       /* number of missing cells */
    size_t non_numeric;   /* non-missing cells that do not parse: > 0 makes it text */
};

struct table {
    char *name;
    size_t ncols, nrows;
    size_t cap;            /* row capacity of every column's arrays and of line */
    struct table_col *cols;
    size_t *line;          /* source line where each row starts; 0 for built rows */
    char *text;            /* the arena; text[0] is the "" every missing cell points to */
    size_t text_len, text_cap;
    char **notes;          /* what the loader wants the user told (table_note) */
    size_t nnotes;
};

/* Notes every number column whose commas may be English thousands separators. */
void table_note_commas(table_t *t);

/* An empty table named name with ncols unnamed columns (names set by the caller). */
table_t *table_create(const char *name, size_t ncols);
/* Makes room for at least nrows rows in every column. */
void table_reserve(table_t *t, size_t nrows);
/* Stores cell (row, col) from s[0..len) with the loader's rules (missing markers,
 * numbers); row must be below the reserved capacity. s == NULL means missing. */
void table_set_cell(table_t *t, size_t row, size_t col, const char *s, size_t len);
/* Counts row (whose cells are all set) as part of the table; line is its source line. */
void table_commit_row(table_t *t, size_t line);

#endif
