/* terms_design: from parsed terms (terms_impl.h) and a table to the design columns, coded as
 * R's model.matrix codes them (treatment contrasts; see terms_build). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "levels_impl.h"
#include "terms_impl.h"

static int no_column(const table_t *t, const char *name, ds_err *err)
{
    return ds_err_set(err, DS_EDATA, "%s: no column '%s'", table_name(t), name);
}

int terms_bind(terms_spec *s, const table_t *t, ds_err *err)
{
    for (size_t k = 0; k < s->natoms; k++) {
        terms_atom *a = &s->atoms[k];
        int rc = a->is_factor ? (table_col_index(t, a->column) < 0 ? no_column(t, a->column, err)
                                                                     : DS_OK)
                              : expr_bind(a->expr, t, err);
        if (rc)
            return rc;
    }
    for (size_t j = 0; j < s->nfe; j++)
        if (table_col_index(t, s->fe[j]) < 0)
            return no_column(t, s->fe[j], err);
    return DS_OK;
}

int terms_row_complete(const terms_spec *s, const table_t *t, size_t row, int *domain)
{
    int complete = 1;
    *domain = 0;
    for (size_t k = 0; k < s->natoms; k++) {
        const terms_atom *a = &s->atoms[k];
        int dom = 0;
        if (a->is_factor)
            complete &= !table_is_missing(t, row, (size_t)table_col_index(t, a->column));
        else
            complete &= !isnan(expr_eval_ld(a->expr, t, row, &dom));
        *domain |= dom;
    }
    for (size_t j = 0; j < s->nfe; j++)
        complete &= !table_is_missing(t, row, (size_t)table_col_index(t, s->fe[j]));
    return complete;
}

void terms_design_free(terms_design *d)
{
    for (size_t c = 0; c < d->ncols; c++)
        free(d->names[c]);
    free(d->names);
    free(d->x);
    free(d->term);
    memset(d, 0, sizeof *d);
}

/* What one atom contributes on the rows: a numeric column, or a factor's levels with the
 * baseline first (order[0]). */
struct atom_data {
    long double *v;   /* numeric: n values */
    levels lv;        /* factor */
    size_t *order;    /* factor: level indices, baseline first */
};

static int factor_levels(const terms_atom *a, const table_t *t, const size_t *rows, size_t n,
                         struct atom_data *ad, ds_err *err)
{
    int rc = levels_build(t, a->column, rows, n, &ad->lv, err);
    if (rc)
        return rc;
    size_t L = ad->lv.nlevels, base = 0;
    if (L < 2)
        return ds_err_set(err, DS_EDATA, "%s has one level (\"%s\") on the %zu rows used: "
                          "its effect cannot be estimated (leave the term out)", a->label,
                          L ? ad->lv.label[0] : "", n);
    if (a->ref && (base = levels_find(&ad->lv, a->ref)) == LEVELS_MISSING)
        return ds_err_set(err, DS_EDATA, "factor(%s, ref = \"%s\"): no level \"%s\" on the "
                          "%zu rows used (levels %s, %s%s)", a->column, a->ref, a->ref, n,
                          ad->lv.label[0], ad->lv.label[1], L > 2 ? ", …" : "");
    ad->order = xmalloc(L * sizeof *ad->order);
    ad->order[0] = base;
    for (size_t l = 0, k = 1; l < L; l++)
        if (l != base)
            ad->order[k++] = l;
    return DS_OK;
}

static int atoms_on_rows(const terms_spec *s, const table_t *t, const size_t *rows, size_t n,
                         struct atom_data *ad, ds_err *err)
{
    for (size_t k = 0; k < s->natoms; k++) {
        const terms_atom *a = &s->atoms[k];
        if (a->is_factor) {
            int rc = factor_levels(a, t, rows, n, &ad[k], err);
            if (rc)
                return rc;
            continue;
        }
        ad[k].v = xmalloc((n ? n : 1) * sizeof *ad[k].v);
        for (size_t i = 0; i < n; i++)
            ad[k].v[i] = expr_eval_ld(a->expr, t, rows ? rows[i] : i, NULL);
    }
    return DS_OK;
}

/* R's rule for a factor a in term t: coded by contrasts when the term without a is in the
 * model before t (for a main effect: the intercept, or a term coded in full that spans it,
 * as the first factor of a model without intercept), by one indicator a level otherwise. */
static int margin_present(const terms_spec *s, size_t t, size_t a, int spanned)
{
    const terms_term *T = &s->terms[t];
    if (T->n == 1)
        return spanned;
    for (size_t u = 0; u < t; u++) {
        const terms_term *U = &s->terms[u];
        if (U->n + 1 != T->n)
            continue;
        int same = 1;
        for (size_t i = 0, j = 0; i < T->n && same; i++)
            if (T->atom[i] != a)
                same = U->atom[j++] == T->atom[i];
        if (same)
            return 1;
    }
    return 0;
}

/* Appends one column: the product over the term's atoms of pick[] (a level index into the
 * factor's order[], ignored for numbers). */
static void add_column(const terms_spec *s, size_t t, const struct atom_data *ad,
                       const size_t *pick, size_t n, terms_design *out)
{
    const terms_term *T = &s->terms[t];
    size_t c = out->ncols++, len = 1;
    out->x = xrealloc(out->x, out->ncols * (n ? n : 1) * sizeof *out->x);
    out->names = xrealloc(out->names, out->ncols * sizeof *out->names);
    out->term = xrealloc(out->term, out->ncols * sizeof *out->term);
    out->term[c] = t;
    for (size_t i = 0; i < T->n; i++) {
        const struct atom_data *d = &ad[T->atom[i]];
        len += strlen(s->atoms[T->atom[i]].label) + 1 +
               (d->v ? 0 : strlen(d->lv.label[d->order[pick[i]]]));
    }
    char *name = out->names[c] = xmalloc(len);
    name[0] = '\0';
    for (size_t i = 0; i < T->n; i++) {
        const struct atom_data *d = &ad[T->atom[i]];
        strcat(strcat(name, i ? ":" : ""), s->atoms[T->atom[i]].label);
        if (!d->v)
            strcat(name, d->lv.label[d->order[pick[i]]]);
    }
    long double *x = out->x + c * n;
    for (size_t r = 0; r < n; r++) {
        long double v = 1;
        for (size_t i = 0; i < T->n; i++) {
            const struct atom_data *d = &ad[T->atom[i]];
            v *= d->v ? d->v[r] : (long double)(d->lv.code[r] == d->order[pick[i]]);
        }
        x[r] = v;
    }
}

/* The columns of term t; *spanned becomes 1 once a term of factors alone is coded in full. */
static void term_columns(const terms_spec *s, size_t t, const struct atom_data *ad, size_t n,
                         int *spanned, terms_design *out)
{
    const terms_term *T = &s->terms[t];
    size_t first[64], last[64], pick[64];
    int all_full_factors = 1;
    for (size_t i = 0; i < T->n; i++) {
        const struct atom_data *d = &ad[T->atom[i]];
        int contrasts = !d->v && margin_present(s, t, T->atom[i], *spanned);
        first[i] = contrasts ? 1 : 0;
        last[i] = d->v ? 1 : d->lv.nlevels;
        pick[i] = first[i];
        all_full_factors &= !d->v && !contrasts;
    }
    for (;;) {
        add_column(s, t, ad, pick, n, out);
        size_t i = 0; /* the first atom varies fastest, as in R */
        while (i < T->n && ++pick[i] == last[i])
            pick[i] = first[i], i++;
        if (i == T->n)
            break;
    }
    *spanned |= all_full_factors;
}

int terms_build(const terms_spec *s, const table_t *t, const size_t *rows, size_t n,
                terms_design *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    struct atom_data *ad = xcalloc(s->natoms ? s->natoms : 1, sizeof *ad);
    int rc = atoms_on_rows(s, t, rows, n, ad, err);
    for (size_t k = 0; k < s->nterms && !rc; k++)
        if (s->terms[k].n > 64)
            rc = ds_err_set(err, DS_EDATA, "formula: a term of more than 64 variables");
    int spanned = s->has_intercept || s->nfe > 0;
    for (size_t k = 0; k < s->nterms && !rc; k++)
        term_columns(s, k, ad, n, &spanned, out);
    for (size_t k = 0; k < s->natoms; k++) {
        free(ad[k].v);
        free(ad[k].order);
        levels_free(&ad[k].lv);
    }
    free(ad);
    if (rc)
        terms_design_free(out);
    return rc;
}
