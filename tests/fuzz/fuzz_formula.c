/* Fuzzes the model formula parser and the fit behind it: the bytes are the formula, fitted
 * on a small table with awkward columns (a constant, an all-missing one, text, a name with a
 * space, weights); an odd-sized input is fitted with HC3 errors and weights.
 *
 * Invariants checked: an error fills ds_err with its code and a message; a fit accounts for
 * every row (used + dropped = rows), has no more estimated columns than rows or terms, and
 * every estimate it did not alias is finite. */
#include "fuzz.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "damirstat/table.h"

static table_t *formula_table(void)
{
    static const char *const names[] = {"y", "x", "z", "one", "none", "name", "pop 2013", "w"};
    static const char *const rows[][8] = {
        {"1.5", "1", "3", "1", NULL, "a", "100", "1"},
        {"2.1", "2", "1", "1", NULL, "b", "250", "2"},
        {"2.9", "3", "4", "1", NULL, "c", "90", "1"},
        {"4.2", "4", "1", "1", NULL, "d", "400", "0.5"},
        {"4.8", "5", "5", "1", NULL, "e", "75", "1"},
        {"6.3", "6", "9", "1", NULL, "f", "310", "3"},
        {NULL, "7", "2", "1", NULL, "g", "120", "1"},
        {"7.7", "8", "6", "1", NULL, "h", "0", "1"},
    };
    table_t *t = table_new(8, names);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        table_append_row(t, rows[i]);
    return t;
}

static void formula_check_fit(const table_t *t, const model_fit *f)
{
    if (f->n + f->n_dropped != table_nrows(t))
        fuzz_fail("formula: used and dropped rows do not add up to the table's rows");
    if (f->rank > f->p || f->rank > f->n || f->p == 0)
        fuzz_fail("formula: more estimated columns than terms or rows");
    for (size_t i = 0; i < f->p; i++)
        if (!f->terms[i].name || (!f->terms[i].aliased && !isfinite(f->terms[i].estimate)))
            fuzz_fail("formula: a term without a name or a finite estimate");
}

int fuzz_formula(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off(); /* as main does: GSL reports, never aborts */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    table_t *t = formula_table();
    model_options opt;
    model_options_default(&opt);
    if (size % 2) {
        opt.se = MODEL_SE_HC3;
        opt.weight = "w";
    }
    ds_err err;
    ds_err_clear(&err);
    model_fit *f = NULL;
    int rc = model_fit_formula(t, text, &opt, &f, &err);
    if (rc < 0 && (err.code != rc || err.msg[0] == '\0'))
        fuzz_fail("formula: an error without its code or message");
    if (rc == DS_OK)
        formula_check_fit(t, f);
    model_fit_free(f);
    table_free(t);
    free(text);
    return 0;
}
