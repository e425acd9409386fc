#include "damirstat/aggexpr.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "damirstat/scan.h"

struct aggexpr {
    char **cols;      /* every column named, in order of first mention; a coefficient may
                       * be 0 (A - B + B), and the column still makes a row with it empty
                       * missing, as SQL's NULL */
    int64_t *coef;
    size_t ncols;
    int64_t constant; /* hundredths */
    char *canonical;
    char *name;
};

/* A linear form while parsing: coef[i] multiplies the i-th column named in the text. */
typedef struct form {
    int64_t *coef;
    int64_t constant;
    int has_col;
} form;

typedef struct parser {
    const char *src, *p, *option;
    char **names;   /* every distinct column named so far */
    size_t nnames, cap;
    ds_err *err;
    int failed;
    int depth;
} parser;

/* Nesting of parentheses and unary signs: refused beyond this rather than recursed into. */
enum { AGGEXPR_MAX_DEPTH = 200 };

static void fail(parser *ps, const char *at, const char *what)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    ds_err_caret(ps->err, DS_EUSAGE, ps->option, what, ps->src, (size_t)(at - ps->src));
}

static void skip_space(parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

static form new_form(const parser *ps)
{
    return (form){xcalloc(ps->cap + 1, sizeof(int64_t)), 0, 0};
}

static size_t name_index(parser *ps, const char *s, size_t len)
{
    for (size_t i = 0; i < ps->nnames; i++)
        if (strlen(ps->names[i]) == len && memcmp(ps->names[i], s, len) == 0)
            return i;
    ps->names[ps->nnames] = xstrndup(s, len);
    return ps->nnames++;
}

static int is_ident_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static size_t ident_len(const char *p)
{
    size_t n = 0;
    if (is_ident_start(p[0]))
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
    return n;
}

static form parse_sum(parser *ps);

static form parse_primary(parser *ps)
{
    form f = new_form(ps);
    skip_space(ps);
    const char *at = ps->p;
    size_t n = ident_len(at);
    if (n > 0) {
        f.coef[name_index(ps, at, n)] = 1;
        f.has_col = 1;
        ps->p += n;
    } else if (isdigit((unsigned char)*at) || *at == '.') {
        while (isdigit((unsigned char)*ps->p) || *ps->p == '.')
            ps->p++;
        int rc = scan_cents(at, (size_t)(ps->p - at), &f.constant);
        if (rc != SCAN_NUM_OK)
            fail(ps, at, rc == SCAN_NUM_PRECISION ? "a number with more than 2 decimals is not "
                                                    "exact in cents"
                                                  : "not a number");
    } else if (*at == '(') {
        ps->p++;
        free(f.coef);
        f = parse_sum(ps);
        skip_space(ps);
        if (*ps->p != ')')
            fail(ps, ps->p, "expected ')'");
        else
            ps->p++;
    } else {
        fail(ps, at, *at == '/' || *at == '*' ? "expected a column or a number before it"
                                              : "expected a column or a number");
    }
    return f;
}

static form parse_unary(parser *ps)
{
    skip_space(ps);
    if (++ps->depth > AGGEXPR_MAX_DEPTH) {
        fail(ps, ps->p, "nested too deep");
        ps->depth--;
        return new_form(ps);
    }
    form f;
    if (*ps->p == '-' || *ps->p == '+') {
        int minus = *ps->p++ == '-';
        f = parse_unary(ps);
        for (size_t i = 0; minus && i < ps->cap; i++)
            f.coef[i] = -f.coef[i];
        f.constant = minus ? -f.constant : f.constant;
    } else {
        f = parse_primary(ps);
    }
    ps->depth--;
    return f;
}

/* a * b, exact only when one side is a whole number without columns. */
static void multiply(parser *ps, form *a, form *b, const char *at)
{
    form *k = !a->has_col && a->constant % 100 == 0   ? a
              : !b->has_col && b->constant % 100 == 0 ? b
                                                      : NULL;
    if (!k) {
        fail(ps, at, a->has_col && b->has_col
                         ? "a product of two columns is not exact in cents (only + and - of "
                           "columns and whole multiples are); compute it with `derive` after "
                           "the aggregation"
                         : "multiplying by a decimal is not exact in cents; use a whole number");
        free(b->coef);
        return;
    }
    form *x = k == a ? b : a;
    int64_t m = k->constant / 100;
    int bad = __builtin_mul_overflow(x->constant, m, &x->constant);
    for (size_t i = 0; i < ps->cap; i++)
        bad |= __builtin_mul_overflow(x->coef[i], m, &x->coef[i]);
    if (bad)
        fail(ps, at, "a coefficient leaves the 64-bit range");
    if (x != a) {
        free(a->coef);
        *a = *x;
    } else {
        free(b->coef);
    }
}

static form parse_term(parser *ps)
{
    form f = parse_unary(ps);
    for (;;) {
        skip_space(ps);
        const char *at = ps->p;
        if (*at == '/') {
            fail(ps, at, "a division is not exact in cents; use --mean for an average, or "
                         "`derive` after the aggregation");
            return f;
        }
        if (*at != '*' || ps->failed)
            return f;
        ps->p++;
        form g = parse_unary(ps);
        multiply(ps, &f, &g, at);
    }
}

static form parse_sum(parser *ps)
{
    form f = parse_term(ps);
    for (;;) {
        skip_space(ps);
        const char *at = ps->p;
        if ((*at != '+' && *at != '-') || ps->failed)
            return f;
        int minus = *ps->p++ == '-';
        form g = parse_term(ps);
        int bad = 0;
        for (size_t i = 0; i < ps->cap; i++)
            bad |= minus ? __builtin_sub_overflow(f.coef[i], g.coef[i], &f.coef[i])
                         : __builtin_add_overflow(f.coef[i], g.coef[i], &f.coef[i]);
        bad |= minus ? __builtin_sub_overflow(f.constant, g.constant, &f.constant)
                     : __builtin_add_overflow(f.constant, g.constant, &f.constant);
        f.has_col |= g.has_col;
        free(g.coef);
        if (bad)
            fail(ps, at, "a coefficient leaves the 64-bit range");
    }
}

static void put_cents(char *buf, size_t cap, int64_t v)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, cap, "%" PRIu64 ".%02u", mag / 100, (unsigned)(mag % 100));
}

/* "PRS_PAI_MNT-PRS_REM_MNT", "2*A+B-1.50", "0.00" when nothing is left. */
static char *canonical_text(const aggexpr_t *e)
{
    size_t cap = 64;
    for (size_t i = 0; i < e->ncols; i++)
        cap += strlen(e->cols[i]) + 32;
    char *s = xcalloc(1, cap), num[32];
    size_t n = 0;
    for (size_t i = 0; i < e->ncols; i++) {
        int64_t c = e->coef[i];
        const char *sign = c < 0 ? "-" : n ? "+" : "";
        uint64_t mag = c < 0 ? 0 - (uint64_t)c : (uint64_t)c;
        if (mag == 1)
            n += (size_t)snprintf(s + n, cap - n, "%s%s", sign, e->cols[i]);
        else
            n += (size_t)snprintf(s + n, cap - n, "%s%" PRIu64 "*%s", sign, mag, e->cols[i]);
    }
    if (e->constant || n == 0) {
        put_cents(num, sizeof num, e->constant);
        snprintf(s + n, cap - n, "%s%s", e->constant < 0 ? "-" : n ? "+" : "", num);
    }
    return s;
}

size_t aggexpr_split_name(const char *text, char **name)
{
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    size_t end = len;
    while (len && (isalnum((unsigned char)text[len - 1]) || text[len - 1] == '_'))
        len--;
    size_t n = end - len, as = len;
    while (as && isspace((unsigned char)text[as - 1]))
        as--;
    *name = NULL;
    if (n == 0 || as == len || as < 3 || strncasecmp(text + as - 2, "as", 2) != 0 ||
        !isspace((unsigned char)text[as - 3]) || !is_ident_start(text[len]))
        return strlen(text);
    *name = xstrndup(text + len, n);
    return as - 2;
}

static aggexpr_t *build(parser *ps, const form *f, char *name)
{
    aggexpr_t *e = xcalloc(1, sizeof *e);
    e->cols = xcalloc(ps->nnames + 1, sizeof *e->cols);
    e->coef = xcalloc(ps->nnames + 1, sizeof *e->coef);
    for (size_t i = 0; i < ps->nnames; i++) {
        e->cols[e->ncols] = xstrdup(ps->names[i]);
        e->coef[e->ncols++] = f->coef[i];
    }
    e->constant = f->constant;
    e->name = name;
    e->canonical = canonical_text(e);
    return e;
}

int aggexpr_parse(const char *text, const char *option, aggexpr_t **out, ds_err *err)
{
    *out = NULL;
    char *name;
    size_t len = aggexpr_split_name(text, &name);
    char *src = xstrndup(text, len);
    parser ps = {src, src, option, NULL, 0, 0, err, 0, 0};
    for (const char *p = src; *p; p++)
        ps.cap += is_ident_start(*p) && (p == src || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'));
    ps.names = xcalloc(ps.cap + 1, sizeof *ps.names);
    form f = parse_sum(&ps);
    skip_space(&ps);
    if (!ps.failed && *ps.p)
        fail(&ps, ps.p, *ps.p == ',' ? "one expression an option (repeat the option for more)"
                                     : "expected + - * or the end");
    if (!ps.failed)
        *out = build(&ps, &f, name);
    else
        free(name);
    for (size_t i = 0; i < ps.nnames; i++)
        free(ps.names[i]);
    free(ps.names);
    free(f.coef);
    free(src);
    return ps.failed ? DS_EUSAGE : DS_OK;
}

void aggexpr_free(aggexpr_t *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->ncols; i++)
        free(e->cols[i]);
    free(e->cols);
    free(e->coef);
    free(e->canonical);
    free(e->name);
    free(e);
}

size_t aggexpr_ncols(const aggexpr_t *e) { return e->ncols; }
const char *aggexpr_col(const aggexpr_t *e, size_t i) { return e->cols[i]; }
const char *aggexpr_canonical(const aggexpr_t *e) { return e->canonical; }
const char *aggexpr_name(const aggexpr_t *e) { return e->name; }

int aggexpr_is_column(const aggexpr_t *e)
{
    return e->ncols == 1 && e->coef[0] == 1 && e->constant == 0;
}

int aggexpr_eval(const aggexpr_t *e, const int64_t *cents, int64_t *out)
{
    int64_t v = e->constant, t;
    for (size_t i = 0; i < e->ncols; i++)
        if (__builtin_mul_overflow(cents[i], e->coef[i], &t) || __builtin_add_overflow(v, t, &v))
            return -1;
    *out = v;
    return 0;
}
