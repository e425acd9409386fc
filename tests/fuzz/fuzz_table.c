/* Fuzzes the reference-table loader: the first byte chooses the load options (skipped
 * lines, footer, delimiter, encoding, given names), the rest is the file.
 *
 * Invariants checked: an error fills ds_err; every cell has a text; a number column's
 * non-missing cells are finite numbers; a number prints with table_format_number and parses
 * back with table_parse_number to the same double; the table writes out, and what it writes
 * loads again. */
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/table.h"

static void table_check_err(int rc, const ds_err *err)
{
    if (rc < 0 && (err->code != rc || err->msg[0] == '\0'))
        fuzz_fail("table: an error without its code or message");
}

static void table_check_number(double v)
{
    char buf[64];
    double back;
    size_t n = table_format_number(v, buf, sizeof buf);
    if (n >= sizeof buf || !table_parse_number(buf, n, &back) || back != v)
        fuzz_fail("table: a number does not print and parse back to itself");
}

static void table_check_cells(const table_t *t)
{
    for (size_t c = 0; c < table_ncols(t); c++) {
        if (!table_col_name(t, c) || table_col_index(t, table_col_name(t, c)) != (long)c)
            fuzz_fail("table: a column is not found by its name");
        for (size_t r = 0; r < table_nrows(t); r++) {
            const char *s = table_text(t, r, c);
            double v = table_num(t, r, c);
            if (!s)
                fuzz_fail("table: a cell without text");
            if (table_col_type(t, c) == TABLE_NUMBER && !table_is_missing(t, r, c)) {
                if (!isfinite(v))
                    fuzz_fail("table: a number column holds a non-finite cell");
                table_check_number(v);
            }
        }
    }
}

static void table_write_and_reload(const table_t *t)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    if (!fp)
        return;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_write(t, fp, ',', &err);
    fclose(fp);
    table_check_err(rc, &err);
    table_t *back = NULL;
    ds_err_clear(&err);
    if (rc == DS_OK) {
        table_load_opts comma = {0};
        comma.delim = ','; /* as written: detection could pick a ';' inside a name */
        rc = table_load_buffer_with("written", out, len, &comma, &back, &err);
        table_check_err(rc, &err);
        if (rc == DS_OK && table_ncols(back) != table_ncols(t))
            fuzz_fail("table: a written table reloads with other columns");
    }
    table_free(back);
    free(out);
}

int fuzz_table(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"code", "value", "note"};
    static const char delims[] = {0, ',', ';', '\t'};
    if (size == 0)
        return 0;
    uint8_t o = data[0];
    table_load_opts opts = {0};
    opts.skip_lines = o & 1;
    opts.skip_footer = (o >> 1) & 1;
    opts.delim = delims[(o >> 2) & 3];
    opts.encoding = (table_encoding)(((o >> 4) & 3) % 3);
    if (o & 0x40) {
        opts.names = names;
        opts.nnames = 3;
    }
    ds_err err;
    ds_err_clear(&err);
    table_t *t = NULL;
    int rc = table_load_buffer_with("fuzz", (const char *)data + 1, size - 1, &opts, &t, &err);
    table_check_err(rc, &err);
    if (rc == DS_OK) {
        table_check_cells(t);
        table_write_and_reload(t);
    }
    table_free(t);
    return 0;
}
