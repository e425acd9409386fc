/* query_impl: what a query is made of, shared by its definition (query.c: options, layout,
 * binding, printed columns) and the work on every row (query_row.c). */
#ifndef DAMIRSTAT_QUERY_IMPL_H
#define DAMIRSTAT_QUERY_IMPL_H

#include "damirstat/aggexpr.h"
#include "damirstat/filter.h"
#include "damirstat/query.h"

/* A measure as asked for, and where the row's work puts it. */
typedef struct query_measure_def {
    query_kind kind;
    char *text;      /* canonical text, read back by query_new_spec: "EXPR[ as NAME]" */
    char *name;      /* the printed column's name */
    size_t value;    /* SUM, MEAN, MIN, MAX: the value it reads (index into values) */
    char *cond_text; /* COUNT_IF: the condition, in canonical form */
    filter_t *cond;  /* COUNT_IF: parsed once here, for its columns */
    size_t acc;      /* SUM, MEAN: its sum accumulator; MIN, MAX, COUNT_IF: its extra one */
} query_measure_def;

struct query {
    char **by;
    size_t nby;
    int count;
    char *where_text;         /* NULL without --where */
    filter_t *where;          /* parsed once here for its columns and canonical text */
    query_measure_def *m;     /* in the order printed */
    size_t nm;
    aggexpr_t **values;       /* the distinct expressions measured (by canonical text) */
    size_t nvalues;
    char **cols;              /* the distinct columns the values read */
    size_t ncols;
    size_t **value_cols;      /* per value: its columns' indices in cols, in its order */
    size_t *sum_value;        /* per sum accumulator: the value summed */
    char **sum_names;         /* per sum accumulator: the value's text (overflow messages) */
    size_t nsums;
    agg_ext_kind *ext_kind;   /* per extra accumulator */
    size_t *ext_src;          /* MIN, MAX and a value's count: the value; COUNT_IF: the
                               * measure */
    size_t next;              /* the measures' extra accumulators, then the value counts */
    size_t next_measures;     /* the first next_measures are the measures' (min, max,
                               * count-if); each after them counts the rows where a value
                               * averaged, minimised or maximised is known */
    size_t *value_count;      /* per value: its count's extra accumulator, or SIZE_MAX */
    unsigned char *value_skips; /* per value: a row with an empty column leaves it out (a
                               * mean, min or max of it, or an expression); a column summed
                               * alone adds its empty field as 0, which is the same total */
    int skips;                /* some value skips rows: their fields are checked */
    unsigned char *value_is_column; /* per value: a column alone (aggexpr_is_column) */
    uint64_t *value_mask;     /* per value: bit c set when it reads column c (< 64) */
    uint64_t skip_cols;       /* the columns read by the values that skip rows */
    int wide;                 /* more than 64 columns: the masks do not hold them */
    int plain;                /* every value is a column alone, summed in order and nothing
                               * else: a row's numbers are parsed straight into the sums */
    agg_column *out;          /* the printed columns after the keys */
    size_t nout;
    char *canonical;
};

struct query_binding {
    unsigned nfields;         /* fields a line must have, as in the header */
    unsigned *cols;           /* distinct field indices the scanner hands out: the --where
                               * columns first, cut before the filter runs */
    size_t ncols, nwhere;
    size_t *where_slot, *by_slot;
    size_t *col_slot;         /* per query column (struct query's cols) */
    size_t **cond_slot;       /* per measure: a COUNT_IF's columns; NULL for others */
    size_t nm;
    char *header;             /* the header line, to know it when it comes again */
    size_t header_len;
};

#endif
