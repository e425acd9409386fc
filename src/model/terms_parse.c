/* terms_parse: the right-hand side of a formula into atoms and terms (terms_impl.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "terms_impl.h"

/* Crossing more groups than this (2^k terms) is surely a typo. */
#define TERMS_MAX_CROSS 8

static int terms_error(const char *formula, size_t at, ds_err *err, const char *what)
{
    return ds_err_set(err, DS_EDATA, "formula: %s at column %zu\n  %s\n  %*s^", what, at + 1,
                      formula, (int)at, "");
}

/* The next position in [i, end) of one of ops outside parentheses, quotes and backquotes,
 * or end. A sign right after the e of a number such as 1e-5 is not an operator. */
static size_t next_op(const char *f, size_t i, size_t end, const char *ops)
{
    int depth = 0;
    char quote = 0;
    for (size_t k = i; k < end; k++) {
        char c = f[k];
        if (quote) {
            quote = c == quote ? 0 : quote;
            continue;
        }
        if (c == '`' || c == '"' || c == '\'')
            quote = c;
        else if (c == '(')
            depth++;
        else if (c == ')')
            depth--;
        else if (depth == 0 && strchr(ops, c) && k > i &&
                 !((c == '+' || c == '-') && (f[k - 1] == 'e' || f[k - 1] == 'E') && k >= 2 &&
                   isdigit((unsigned char)f[k - 2])))
            return k;
    }
    return end;
}

static void trim(const char *f, size_t *s, size_t *e)
{
    while (*s < *e && isspace((unsigned char)f[*s]))
        (*s)++;
    while (*e > *s && isspace((unsigned char)f[*e - 1]))
        (*e)--;
}

static int is_word(const char *f, size_t s, size_t e, const char *w)
{
    return e - s == strlen(w) && memcmp(f + s, w, e - s) == 0;
}

/* A call `name(` … `)` spanning [s, e): the position of '(' or 0. */
static size_t call_open(const char *f, size_t s, size_t e, const char *name)
{
    size_t len = strlen(name), k = s + len;
    if (e - s <= len + 1 || memcmp(f + s, name, len) != 0 || f[e - 1] != ')')
        return 0;
    while (k < e && isspace((unsigned char)f[k]))
        k++;
    if (k == e || f[k] != '(')
        return 0;
    int depth = 0; /* the '(' must close at e − 1, not before: factor(a) + log(b) is no call */
    char quote = 0;
    for (size_t j = k; j < e; j++) {
        if (quote) {
            quote = f[j] == quote ? 0 : quote;
            continue;
        }
        if (f[j] == '`' || f[j] == '"' || f[j] == '\'')
            quote = f[j];
        else if (f[j] == '(')
            depth++;
        else if (f[j] == ')' && --depth == 0)
            return j == e - 1 ? k : 0;
    }
    return 0;
}

/* A column name: bare (letters, digits, _ and .) or backquoted. */
static char *column_name(const char *f, size_t s, size_t e)
{
    trim(f, &s, &e);
    if (e - s >= 2 && f[s] == '`' && f[e - 1] == '`' && !memchr(f + s + 1, '`', e - s - 2))
        return xstrndup(f + s + 1, e - s - 2);
    for (size_t k = s; k < e; k++)
        if (!isalnum((unsigned char)f[k]) && f[k] != '_' && f[k] != '.')
            return NULL;
    return e > s ? xstrndup(f + s, e - s) : NULL;
}

/* `ref = "LEVEL"` (or 'LEVEL', or a bare code) in [s, e): the level, or NULL. */
static char *ref_level(const char *f, size_t s, size_t e)
{
    trim(f, &s, &e);
    if (e - s < 4 || memcmp(f + s, "ref", 3) != 0)
        return NULL;
    s += 3;
    while (s < e && isspace((unsigned char)f[s]))
        s++;
    if (s == e || f[s++] != '=')
        return NULL;
    trim(f, &s, &e);
    if (e - s >= 2 && (f[s] == '"' || f[s] == '\'') && f[e - 1] == f[s])
        return xstrndup(f + s + 1, e - s - 2);
    return column_name(f, s, e);
}

static int parse_factor(const char *f, size_t s, size_t e, size_t open, terms_atom *a,
                        ds_err *err)
{
    size_t comma = next_op(f, open + 1, e - 1, ",");
    a->is_factor = 1;
    a->column = column_name(f, open + 1, comma);
    if (!a->column)
        return terms_error(f, open + 1, err, "factor() takes a column name, e.g. factor(reg_2016)");
    if (comma < e - 1 && !(a->ref = ref_level(f, comma + 1, e - 1)))
        return terms_error(f, comma + 1, err, "expected ref = \"LEVEL\" in factor(x, ref = \"LEVEL\")");
    size_t len = strlen(a->column) + 10;
    a->label = xmalloc(len);
    snprintf(a->label, len, "factor(%s)", a->column);
    (void)s;
    return DS_OK;
}

/* An atom: factor(…), I(expression), or an expression whose top is a column or a call. */
static int parse_atom(const char *f, size_t s, size_t e, terms_atom *a, ds_err *err)
{
    memset(a, 0, sizeof *a);
    a->pos = s;
    size_t open;
    if ((open = call_open(f, s, e, "factor")))
        return parse_factor(f, s, e, open, a, err);
    int rc;
    if ((open = call_open(f, s, e, "I"))) {
        if ((rc = expr_parse_span(f, open + 1, e - 1, &a->expr, err)))
            return rc;
        size_t len = strlen(expr_text(a->expr)) + 4;
        a->label = xmalloc(len);
        snprintf(a->label, len, "I(%s)", expr_text(a->expr));
        return DS_OK;
    }
    if ((rc = expr_parse_span(f, s, e, &a->expr, err)))
        return rc;
    if (expr_top_shape(a->expr) == EXPR_OTHER)
        return terms_error(f, s, err, "arithmetic needs I(), e.g. I(a / b); write a:b or a*b "
                                      "for an interaction");
    a->label = xstrdup(expr_text(a->expr));
    return DS_OK;
}

static void atom_free(terms_atom *a)
{
    expr_free(a->expr);
    free(a->column);
    free(a->ref);
    free(a->label);
    memset(a, 0, sizeof *a);
}

/* The index of the atom in [s, e), added if new. */
static int add_atom(terms_spec *sp, const char *f, size_t s, size_t e, size_t *index, ds_err *err)
{
    terms_atom a;
    int rc = parse_atom(f, s, e, &a, err);
    if (rc) {
        atom_free(&a);
        return rc;
    }
    for (size_t k = 0; k < sp->natoms; k++) {
        terms_atom *b = &sp->atoms[k];
        if (strcmp(b->label, a.label) != 0)
            continue;
        int clash = a.is_factor && (!a.ref != !b->ref || (a.ref && strcmp(a.ref, b->ref)));
        atom_free(&a);
        if (clash)
            return terms_error(f, s, err, "this factor is given another reference level");
        *index = k;
        return DS_OK;
    }
    sp->atoms = xrealloc(sp->atoms, (sp->natoms + 1) * sizeof *sp->atoms);
    sp->atoms[sp->natoms] = a;
    *index = sp->natoms++;
    return DS_OK;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Adds the term made of atoms[0 … n) unless the model has it already (takes the array). */
static void add_term(terms_spec *sp, size_t *atoms, size_t n)
{
    qsort(atoms, n, sizeof *atoms, cmp_size);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) /* a:a is a */
        if (m == 0 || atoms[m - 1] != atoms[k])
            atoms[m++] = atoms[k];
    for (size_t t = 0; t < sp->nterms; t++)
        if (sp->terms[t].n == m && memcmp(sp->terms[t].atom, atoms, m * sizeof *atoms) == 0) {
            free(atoms);
            return;
        }
    sp->terms = xrealloc(sp->terms, (sp->nterms + 1) * sizeof *sp->terms);
    sp->terms[sp->nterms++] = (terms_term){m, atoms};
}

/* group { '*' group }, group = atom { ':' atom }: every product of a non-empty subset of
 * the groups is a term (a * b * c gives a, b, a:b, c, a:c, b:c, a:b:c, sorted later). */
static int parse_summand(terms_spec *sp, const char *f, size_t s, size_t e, ds_err *err)
{
    size_t *group[TERMS_MAX_CROSS], size[TERMS_MAX_CROSS], ngroups = 0;
    int rc = DS_OK;
    for (size_t gs = s; gs < e && !rc;) {
        size_t ge = next_op(f, gs, e, "*");
        if (ngroups == TERMS_MAX_CROSS) {
            rc = terms_error(f, gs, err, "more than 8 terms crossed with '*'");
            break;
        }
        group[ngroups] = NULL;
        size[ngroups] = 0;
        for (size_t as = gs; as < ge && !rc;) {
            size_t ae = next_op(f, as, ge, ":"), a0 = as, a1 = ae;
            trim(f, &a0, &a1);
            if (a0 == a1) {
                rc = terms_error(f, a0, err, "expected a term");
                break;
            }
            group[ngroups] = xrealloc(group[ngroups], (size[ngroups] + 1) * sizeof **group);
            rc = add_atom(sp, f, a0, a1, &group[ngroups][size[ngroups]], err);
            size[ngroups] += !rc;
            as = ae + 1;
        }
        ngroups++;
        gs = ge + 1;
    }
    for (size_t mask = 1; !rc && mask < ((size_t)1 << ngroups); mask++) {
        size_t n = 0, *atoms = NULL;
        for (size_t g = 0; g < ngroups; g++)
            if (mask >> g & 1) {
                atoms = xrealloc(atoms, (n + size[g]) * sizeof *atoms);
                memcpy(atoms + n, group[g], size[g] * sizeof *atoms);
                n += size[g];
            }
        add_term(sp, atoms, n);
    }
    for (size_t g = 0; g < ngroups; g++)
        free(group[g]);
    return rc;
}

static int parse_summands(terms_spec *sp, const char *f, size_t i, size_t end, ds_err *err)
{
    int sign = '+', pending = 1; /* a term is due: at the start and after a sign */
    while (i < end) {
        while (i < end && isspace((unsigned char)f[i]))
            i++;
        if (i < end && (f[i] == '+' || f[i] == '-')) {
            sign = f[i++];
            pending = 1;
            continue;
        }
        if (i == end)
            break;
        pending = 0;
        size_t s = i, e = next_op(f, i, end, "+-");
        trim(f, &s, &e);
        int rc = DS_OK;
        if (is_word(f, s, e, "1") || is_word(f, s, e, "0"))
            sp->has_intercept = (sign == '+') == is_word(f, s, e, "1");
        else if (sign == '-')
            rc = terms_error(f, s, err, "only '- 1' may be subtracted in a formula");
        else
            rc = parse_summand(sp, f, s, e, err);
        if (rc)
            return rc;
        sign = '+';
        i = e;
    }
    return pending ? terms_error(f, end, err, "expected a term") : DS_OK;
}

/* column { '+' column } after '|'. */
static int parse_fe(terms_spec *sp, const char *f, size_t i, size_t end, ds_err *err)
{
    while (i <= end) {
        size_t e = next_op(f, i, end, "+"), s = i;
        trim(f, &s, &e);
        char *name = column_name(f, s, e);
        if (!name)
            return terms_error(f, s, err, "after '|', fixed effects are column names "
                                          "(y ~ x | fe1 + fe2)");
        sp->fe = xrealloc(sp->fe, (sp->nfe + 1) * sizeof *sp->fe);
        sp->fe_pos = xrealloc(sp->fe_pos, (sp->nfe + 1) * sizeof *sp->fe_pos);
        sp->fe[sp->nfe] = name;
        sp->fe_pos[sp->nfe++] = s;
        i = next_op(f, i, end, "+") + 1;
    }
    return DS_OK;
}

/* R's order: by degree, stably (insertion sort: models have few terms). */
static void sort_terms(terms_spec *sp)
{
    for (size_t i = 1; i < sp->nterms; i++) {
        terms_term t = sp->terms[i];
        size_t j = i;
        for (; j > 0 && sp->terms[j - 1].n > t.n; j--)
            sp->terms[j] = sp->terms[j - 1];
        sp->terms[j] = t;
    }
}

int terms_parse(const char *formula, size_t start, size_t end, terms_spec *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    out->formula = formula;
    out->has_intercept = 1;
    size_t bar = next_op(formula, start, end, "|");
    int rc = parse_summands(out, formula, start, bar, err);
    if (!rc && bar < end) {
        if (next_op(formula, bar + 1, end, "|") < end)
            rc = terms_error(formula, next_op(formula, bar + 1, end, "|"), err,
                             "only one '|' is allowed");
        else
            rc = parse_fe(out, formula, bar + 1, end, err);
    }
    if (!rc && out->nterms == 0 && !out->has_intercept && out->nfe == 0)
        rc = terms_error(formula, end, err, "the model has no term to estimate");
    if (rc) {
        terms_free(out);
        return rc;
    }
    sort_terms(out);
    return DS_OK;
}

void terms_free(terms_spec *s)
{
    for (size_t k = 0; k < s->natoms; k++)
        atom_free(&s->atoms[k]);
    for (size_t t = 0; t < s->nterms; t++)
        free(s->terms[t].atom);
    for (size_t j = 0; j < s->nfe; j++)
        free(s->fe[j]);
    free(s->atoms);
    free(s->terms);
    free(s->fe);
    free(s->fe_pos);
    memset(s, 0, sizeof *s);
}
