/* Fuzzes the --where parser and evaluator: the bytes are the expression.
 *
 * Invariants checked: a parse error fills ds_err; the canonical text of an expression parses
 * again and is its own canonical text (partial files compare queries by it, so it must name
 * one meaning); evaluation on rows of awkward fields returns keep, drop, or a bad field that
 * is one of the expression's columns. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "damirstat/filter.h"

static const char *const where_fields[] = {
    "1", "", "2A", "12.5", "-3", "1110", "x", "99999999999999999999", "0.001", "-.57", "01",
};
enum { WHERE_NFIELDS = sizeof where_fields / sizeof where_fields[0] };

struct where_row {
    size_t shift;
};

static scan_field where_get(void *ctx, size_t col)
{
    const struct where_row *row = ctx;
    const char *f = where_fields[(col + row->shift) % WHERE_NFIELDS];
    scan_field sf = {f, strlen(f)};
    return sf;
}

static void where_eval_rows(filter_t *f)
{
    for (size_t shift = 0; shift < WHERE_NFIELDS; shift++) {
        struct where_row row = {shift};
        size_t bad = (size_t)-1;
        int v = filter_eval(f, where_get, &row, &bad);
        if (v > 1 || (v < 0 && bad >= filter_ncols(f)))
            fuzz_fail("where: evaluation out of its range");
    }
}

int fuzz_where(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    ds_err err;
    ds_err_clear(&err);
    filter_t *f = NULL, *again = NULL;
    int rc = filter_parse(text, &f, &err);
    if (rc < 0 && (err.code != rc || err.msg[0] == '\0'))
        fuzz_fail("where: an error without its code or message");
    if (rc == DS_OK) {
        for (size_t i = 0; i < filter_ncols(f); i++)
            if (!filter_col(f, i) || !*filter_col(f, i))
                fuzz_fail("where: an empty column name");
        where_eval_rows(f);
        const char *canon = filter_canonical(f);
        ds_err_clear(&err);
        if (filter_parse(canon, &again, &err) != DS_OK)
            fuzz_fail("where: the canonical text does not parse");
        if (strcmp(filter_canonical(again), canon) != 0)
            fuzz_fail("where: the canonical text is not its own canonical text");
    }
    filter_free(again);
    filter_free(f);
    free(text);
    return 0;
}
