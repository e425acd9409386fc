/* scan: the bulk scanner. Splits blocks of whole `;`-separated lines into the few fields a
 * query needs, without copying or allocating per row.
 *
 * A line at a time: SSE2 (or AVX2, where the CPU has it) compares give bitmasks of ';' and
 * '\n' for up to four 64-byte words from the line's first byte; the k-th separator is then
 * found from popcounts and a select (BMI2's PDEP where it is fast, else a broadword select),
 * only for the fields asked for, so the fields a query does not need cost nothing and no
 * branch depends on field widths. Lines over 256 bytes take a plain memchr loop. LF and CRLF
 * line ends are accepted (the '\r' is not part of the last field), empty lines are skipped,
 * and the last line may lack its '\n'.
 *
 * Damage stops the scan with FILE:LINE:COL (scan_error_at): a NUL byte anywhere in a line,
 * whether or not the query uses its field (a block of zeros is what a copy cut short by a
 * crash leaves; its lines would merge and their rows vanish), and a '"' (fields are never
 * quoted in Open DAMIR). The same vector compares find them: they cost no pass of their own. */
#ifndef DAMIRSTAT_SCAN_H
#define DAMIRSTAT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "damirstat/err.h"

typedef struct scan scan_t;

typedef struct scan_field {
    const char *p; /* into the block; NULL when the line has fewer fields */
    size_t len;
} scan_field;

typedef struct scan_row {
    const char *line;          /* start of the line in the block */
    size_t len;                /* bytes before "\n" or "\r\n" */
    uint64_t lineno;           /* numbered from the block's first line number */
    uint64_t offset;           /* byte offset of the line in the block */
    unsigned nfields;          /* fields on the line: separators + 1 */
    const scan_field *fields;  /* the requested columns, in the order given to scan_new */
    const char *end;           /* the block's end: bytes before it may be read past a field
                                * (word-at-a-time parsing) */
    scan_t *scan;              /* for scan_cut_rest */
} scan_row;

/* Requested column i (in the order given to scan_new) of row; {NULL, 0} when the line has
 * fewer fields. Valid during the callback only. */
static inline scan_field scan_get(const scan_row *row, size_t i)
{
    return row->fields[i];
}

/* Cuts the requested columns from index n on only when the callback asks (scan_cut_rest),
 * not before it: a query that drops most rows on its --where columns (put first) never pays
 * for its other columns on those rows. By default every column is cut before the callback. */
void scan_set_eager(scan_t *s, size_t n);

/* Cuts the row's remaining columns (see scan_set_eager); in the callback only. */
void scan_cut_rest(const scan_row *row);

/* Called once per non-empty line; a non-zero return stops the scan and is returned. */
typedef int (*scan_row_fn)(void *ctx, const scan_row *row, ds_err *err);

/* A scanner that hands out columns cols[0..ncols) (0-based field indices, distinct, in any
 * order). */
scan_t *scan_new(const unsigned *cols, size_t ncols);

/* Scans buf[0..size), whose first line is number first_lineno, calling fn for each line.
 * On a '"' or a NUL byte it returns DS_EDATA with a message that has no location:
 * scan_error_at gives it (the caller knows the file name and where the block sits in the
 * file). */
int scan_block(scan_t *s, const char *buf, size_t size, uint64_t first_lineno,
               scan_row_fn fn, void *ctx, ds_err *err);

/* Whether the last scan_block stopped on damage (a quote or a NUL byte) rather than on the
 * callback's return; if so, where: line number, offset of that line in the block, 1-based
 * byte column. */
int scan_error_at(const scan_t *s, uint64_t *lineno, uint64_t *line_offset, size_t *col);

/* Lines (counting empty ones) in the last block scanned: the next block's first line is
 * first_lineno + scan_lines(s). */
uint64_t scan_lines(const scan_t *s);

/* Turns off the instructions chosen for this CPU at run time (AVX2, POPCNT, BMI2's PDEP),
 * leaving the portable code: tests check that both paths cut lines the same way. */
void scan_use_portable(scan_t *s);

/* Runs the line loop of a given level (0 portable, 1 POPCNT, 2 AVX2, 3 AVX2 and PDEP,
 * 4 AVX-512 VBMI2) instead of the best one: -1 if this CPU lacks it. For tests. */
int scan_use_level(scan_t *s, int level);

void scan_free(scan_t *s);

/* Parses an Open DAMIR decimal into hundredths: "12", "-5", ".81", "-.57", "+3.5"; an empty
 * field is 0. More than two decimals are accepted only when the extra digits are zeros
 * ("1.250"), as a cent is the unit of every amount. Returns SCAN_NUM_OK or the reason. */
enum { SCAN_NUM_OK = 0, SCAN_NUM_BAD = -1, SCAN_NUM_PRECISION = -2, SCAN_NUM_RANGE = -3 };
int scan_cents(const char *p, size_t len, int64_t *cents);

/* A sentence for a SCAN_NUM_* failure: "expected a number", … */
const char *scan_num_error(int code);

/* Splits one header line (without its line end) at ';' into *names (an array of *n
 * strings, owned by the caller: free each and the array). */
void scan_split_header(const char *line, size_t len, char ***names, size_t *n);

#endif
