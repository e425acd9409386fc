/* join: joins two tables on department, region or text keys.
 *
 * Department and region keys are canonicalised through geo before they are compared, so `1`
 * joins `01` and, with by_name, `Côte-d'Or` joins `21`. A key that appears twice in the
 * right table is an error naming both lines (a many-to-one join must stay one); one that
 * appears twice in the left table joins on every row, as in SQL, and is reported so that
 * the caller can warn when it looks like a mistake: two spellings (1 and 01), or a repeat
 * in a table of mostly one row per key (a long table, department × year, repeats by
 * design). Rows of either side without a match, and label rows ("France",
 * "Total") of a department column, are reported to the caller, who lists them or, with
 * strict, fails. A join that matches no row at all is an error naming the first keys of
 * both sides and the likely cause (names against codes, leading zeros of text keys). The
 * Region keys in Open DAMIR's scheme (93 with Corsica, 5 all overseas: a column named
 * BEN_RES_REG or …open_damir…, or holding 5) are never joined to INSEE's (holding 01 … 06 or
 * 94): the two 93s are different areas, an error naming what showed each scheme. The
 * output holds the left columns (the key canonicalised), then the right columns but its
 * key; a right column whose name is taken gets the suffix `_right`, else `_right2`,
 * `_right3`…, so that names stay distinct however many joins follow.
 *
 * A panel joins on several columns: a key named "dep, annee" (when no column has that exact
 * name) is the list of up to four columns, as many on each side. The first is the typed key
 * above; the others compare as text, numbers written one way (2013 = 2013.0). A composite key
 * is described "(01 Ain, 2013)"; every right key column is left out of the output. */
#ifndef DAMIRSTAT_JOIN_H
#define DAMIRSTAT_JOIN_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/geo.h"
#include "damirstat/table.h"

typedef enum { JOIN_INNER, JOIN_LEFT } join_how;
typedef enum { JOIN_KEY_AUTO, JOIN_KEY_DEPT, JOIN_KEY_REGION, JOIN_KEY_TEXT } join_key_type;

typedef struct join_options {
    const char *left_key, *right_key; /* column names ("dep, annee": several) */
    join_how how;
    join_key_type key_type;           /* AUTO: regions when a key column is named like one
                                       * (BEN_RES_REG → Open DAMIR codes); departments when on
                                       * each side every key that looks like a code (digits, 2A,
                                       * 2B) is one or 99 (unknown, then unmatched) and one key at
                                       * least is a department: the other keys are labels, kept
                                       * out of the match; else text */
    geo_region_scheme scheme;         /* for JOIN_KEY_REGION */
    int by_name;                      /* department names accepted as keys on either side */
} join_options;

/* Why a key is listed: no partner on the other side (an unknown-place code such as 99
 * included), or, under AUTO, a label row that is no code (or, with by_name, no name) of the
 * key type, which the user should see by its text rather than think lost. */
typedef enum { JOIN_MISS_UNMATCHED, JOIN_MISS_NOT_CODE, JOIN_MISS_NOT_NAME } join_miss_why;

/* One key without a match: its side (0 left, 1 right), canonical key (a label's text) and
 * source line. */
typedef struct join_miss {
    int side;
    char *key;
    size_t line;
    join_miss_why why;
} join_miss;

/* A key the left table holds count times (after canonicalisation: 1 and 01 are one), and
 * the lines of its first two rows. */
typedef struct join_repeat {
    char *key;
    size_t count, line1, line2;
} join_repeat;

typedef struct join_result {
    table_t *table;          /* the joined table, owned by the result */
    join_key_type key_type;  /* the type used (AUTO resolved) */
    join_miss *misses;       /* unmatched keys, in row order within each side */
    size_t nmisses;
    join_repeat *repeats;    /* repeated left keys worth a warning, by first line */
    size_t nrepeats;
} join_result;

/* Joins left and right. DS_EDATA for an unknown key column, a key that does not canonicalise
 * under an explicit key type (FILE:LINE: message), a duplicate right key, or no match. */
int join_tables(const table_t *left, const table_t *right, const join_options *opt,
                join_result *out, ds_err *err);

/* Frees what join_tables put in r (not r itself). */
void join_result_free(join_result *r);

/* Writes "KEY (Name)" for a department key, else the key, into buf. */
void join_describe_key(const char *key, join_key_type type, char *buf, size_t size);

/* "not a department code", "not a department name" or "not a region code" for a label
 * miss, NULL for a key without a partner. */
const char *join_miss_reason(const join_miss *m, join_key_type type);

/* join_describe_key for a key without a partner; "TEXT (not a department code)" for a
 * label. */
void join_describe_miss(const join_miss *m, join_key_type type, char *buf, size_t size);

#endif
