/* expr: a recursive-descent parser for R-like arithmetic over table columns, and its
 * evaluator. Values are computed in long double and only rounded to double at the end, so
 * that formula terms such as I(x^10) carry no more error than the column they read (the
 * NIST Filip set needs the extra bits). */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/expr.h"

typedef enum {
    N_NUM, N_COL, N_NEG, N_PAREN, N_ADD, N_SUB, N_MUL, N_DIV, N_POW,
    N_LOG, N_LOG10, N_EXP, N_SQRT, N_ABS, N_MIN, N_MAX
} node_kind;

typedef struct node {
    node_kind kind;
    long double num;     /* N_NUM */
    char *numtext;       /* N_NUM: the literal as written */
    size_t col;          /* N_COL: index into expr->names */
    struct node *a, *b;
} node;

struct expr {
    node *root;
    char *text;          /* normalised display text */
    char **names;        /* distinct column names, in order of first use */
    size_t nnames;
    long *bound;         /* table column of each name after expr_bind, else NULL */
};

typedef struct parser {
    const char *full;    /* the whole text the caret line shows */
    const char *p, *end; /* the span being parsed */
    const char *begin;   /* where the span starts */
    expr_t *e;
    ds_err *err;
    int failed;
    int depth; /* parse_unary calls in progress: nesting of parentheses, signs, ^, calls */
} parser;

/* Deeper nesting is refused rather than recursed into: 100000 '(' must be an error, not a
 * stack overflow, and no formula a person writes comes near it. */
enum { EXPR_MAX_DEPTH = 200 };

static const struct { const char *name; node_kind kind; int nargs; } functions[] = {
    {"log", N_LOG, 1}, {"log10", N_LOG10, 1}, {"exp", N_EXP, 1}, {"sqrt", N_SQRT, 1},
    {"abs", N_ABS, 1}, {"min", N_MIN, 2}, {"max", N_MAX, 2},
};

static node *node_new(node_kind kind, node *a, node *b)
{
    node *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->a = a;
    n->b = b;
    return n;
}

static void node_free(node *n)
{
    if (!n)
        return;
    node_free(n->a);
    node_free(n->b);
    free(n->numtext);
    free(n);
}

/* Records the first error with the text and a caret under the byte at `at`. */
static node *fail_at(parser *ps, const char *at, const char *fmt, ...)
{
    if (ps->failed)
        return NULL;
    ps->failed = 1;
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t col = (size_t)(at - ps->full), len = strlen(ps->full), from = 0, to = len;
    if (len > 120) { /* a window around the caret, so that the message keeps its start */
        from = col > 60 ? col - 60 : 0;
        to = len - from > 120 ? from + 120 : len;
    }
    const char *pre = from ? "..." : "", *post = to < len ? "..." : "";
    ds_err_set(ps->err, DS_EDATA, "%s at column %zu\n  %s%.*s%s\n  %*s^", what, col + 1, pre,
               (int)(to - from), ps->full + from, post, (int)(strlen(pre) + col - from), "");
    return NULL;
}

/* "unexpected 'c'" at p, with what to write when c starts an operator other languages have:
 * a power is '^', and an expression computes a number, so it has no comparisons, 'and' or
 * 'or' (rows are chosen with --where or a study's exclude =). A '=' where the expression
 * starts is the second of "name == expr". */
static node *unexpected(parser *ps, const char *p)
{
    const char *start = ps->begin;
    while (start < p && isspace((unsigned char)*start))
        start++;
    if (*p == '*' && p > ps->begin && p[-1] == '*')
        return fail_at(ps, p - 1, "unexpected '**': write '^' for a power (x^2)");
    if (*p == '=' && p == start)
        return fail_at(ps, p, "unexpected '=': a definition is NAME = EXPR, with one '='");
    if (strchr("=<>!", *p))
        return fail_at(ps, p, "unexpected '%c': an expression computes a number and has no "
                       "comparisons (rows are chosen with --where, or exclude = in a study)", *p);
    if (*p == '&' || *p == '|')
        return fail_at(ps, p, "unexpected '%c': an expression computes a number and has no "
                       "'and' or 'or' (rows are chosen with --where, or exclude = in a study)",
                       *p);
    return fail_at(ps, p, "unexpected '%c'", *p);
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && isspace((unsigned char)*ps->p))
        ps->p++;
}

static size_t name_index(expr_t *e, const char *s, size_t len)
{
    for (size_t i = 0; i < e->nnames; i++)
        if (strlen(e->names[i]) == len && memcmp(e->names[i], s, len) == 0)
            return i;
    e->names = xrealloc(e->names, (e->nnames + 1) * sizeof *e->names);
    e->names[e->nnames] = xstrndup(s, len);
    return e->nnames++;
}

static int is_name_start(int c) { return isalpha(c) || c == '.' || c == '_'; }
static int is_name_char(int c) { return isalnum(c) || c == '.' || c == '_'; }

static node *parse_sum(parser *ps);
static node *parse_unary(parser *ps);

static node *parse_number(parser *ps)
{
    const char *start = ps->p;
    char *stop;
    /* strtold reads past the span only if the span is not NUL-terminated there; copy. */
    size_t len = (size_t)(ps->end - start);
    char *copy = xstrndup(start, len);
    long double v = strtold(copy, &stop);
    size_t used = (size_t)(stop - copy);
    free(copy);
    if (used == 0)
        return fail_at(ps, start, "expected a number");
    /* 1e999 would be an infinity: evaluation promises finite values or NAN. */
    if (!isfinite(v) || fabsl(v) > DBL_MAX)
        return fail_at(ps, start, "number out of range");
    node *n = node_new(N_NUM, NULL, NULL);
    n->num = v;
    n->numtext = xstrndup(start, used);
    ps->p += used;
    return n;
}

static node *parse_call(parser *ps, const char *name, size_t len, const char *at)
{
    size_t f = 0, nf = sizeof functions / sizeof functions[0];
    while (f < nf && !(strlen(functions[f].name) == len && !memcmp(functions[f].name, name, len)))
        f++;
    if (f == nf)
        return fail_at(ps, at, "unknown function '%.*s'", (int)len, name);
    ps->p++; /* '(' */
    node *a = parse_sum(ps), *b = NULL;
    if (!a)
        return NULL;
    skip_space(ps);
    if (functions[f].nargs == 2) {
        if (ps->p >= ps->end || *ps->p != ',') {
            node_free(a);
            return fail_at(ps, ps->p, "expected ',' (%s takes two arguments)", functions[f].name);
        }
        ps->p++;
        if (!(b = parse_sum(ps))) {
            node_free(a);
            return NULL;
        }
        skip_space(ps);
    }
    if (ps->p >= ps->end || *ps->p != ')') {
        node_free(a);
        node_free(b);
        return fail_at(ps, ps->p, "expected ')'");
    }
    ps->p++;
    return node_new(functions[f].kind, a, b);
}

static node *parse_name(parser *ps)
{
    const char *start = ps->p, *name = ps->p;
    size_t len;
    if (*ps->p == '`') {
        name = ++ps->p;
        while (ps->p < ps->end && *ps->p != '`')
            ps->p++;
        if (ps->p >= ps->end)
            return fail_at(ps, start, "unterminated backquoted name");
        len = (size_t)(ps->p - name);
        ps->p++;
        if (len == 0)
            return fail_at(ps, start, "empty backquoted name");
    } else {
        while (ps->p < ps->end && is_name_char((unsigned char)*ps->p))
            ps->p++;
        len = (size_t)(ps->p - name);
        const char *after = ps->p;
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == '(')
            return parse_call(ps, name, len, start);
        ps->p = after;
    }
    node *n = node_new(N_COL, NULL, NULL);
    n->col = name_index(ps->e, name, len);
    return n;
}

static node *parse_primary(parser *ps)
{
    skip_space(ps);
    if (ps->p >= ps->end)
        return fail_at(ps, ps->p, "unexpected end of expression");
    unsigned char c = (unsigned char)*ps->p;
    if (c == '(') {
        ps->p++;
        node *inner = parse_sum(ps);
        if (!inner)
            return NULL;
        skip_space(ps);
        if (ps->p >= ps->end || *ps->p != ')') {
            node_free(inner);
            return fail_at(ps, ps->p, "expected ')'");
        }
        ps->p++;
        return node_new(N_PAREN, inner, NULL);
    }
    if (isdigit(c) || (c == '.' && ps->p + 1 < ps->end && isdigit((unsigned char)ps->p[1])))
        return parse_number(ps);
    if (c == '`' || is_name_start(c))
        return parse_name(ps);
    return unexpected(ps, ps->p);
}

/* power := primary ['^' unary]; the exponent may carry a sign (2^-1) and is itself a power,
 * which makes ^ right-associative (2^3^2 = 512) and tighter than unary minus (-2^2 = -4). */
static node *parse_power(parser *ps)
{
    node *base = parse_primary(ps);
    if (!base)
        return NULL;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == '^') {
        ps->p++;
        node *exponent = parse_unary(ps);
        if (!exponent) {
            node_free(base);
            return NULL;
        }
        return node_new(N_POW, base, exponent);
    }
    return base;
}

static node *parse_unary_nested(parser *ps)
{
    skip_space(ps);
    if (ps->p < ps->end && (*ps->p == '-' || *ps->p == '+')) {
        int minus = *ps->p == '-';
        ps->p++;
        node *a = parse_unary(ps);
        if (!a)
            return NULL;
        return minus ? node_new(N_NEG, a, NULL) : a;
    }
    return parse_power(ps);
}

static node *parse_unary(parser *ps)
{
    if (ps->depth >= EXPR_MAX_DEPTH)
        return fail_at(ps, ps->p, "expression nested too deeply (more than %d levels)",
                       EXPR_MAX_DEPTH);
    ps->depth++;
    node *n = parse_unary_nested(ps);
    ps->depth--;
    return n;
}

static node *parse_binary_level(parser *ps, int level)
{
    node *left = level ? parse_unary(ps) : parse_binary_level(ps, 1);
    while (left) {
        skip_space(ps);
        if (ps->p >= ps->end)
            break;
        char c = *ps->p;
        node_kind k;
        if (level == 0 && (c == '+' || c == '-'))
            k = c == '+' ? N_ADD : N_SUB;
        else if (level == 1 && (c == '*' || c == '/'))
            k = c == '*' ? N_MUL : N_DIV;
        else
            break;
        ps->p++;
        node *right = level ? parse_unary(ps) : parse_binary_level(ps, 1);
        if (!right) {
            node_free(left);
            return NULL;
        }
        left = node_new(k, left, right);
    }
    return left;
}

static node *parse_sum(parser *ps) { return parse_binary_level(ps, 0); }

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static int is_plain_name(const char *nm)
{
    if (!is_name_start((unsigned char)nm[0]))
        return 0;
    if (nm[0] == '.' && isdigit((unsigned char)nm[1]))
        return 0; /* `.7W` unquoted would read as the number .7 then W (R quotes it too) */
    for (const char *q = nm; *q; q++)
        if (!is_name_char((unsigned char)*q))
            return 0;
    return 1;
}

static const char *binary_op(node_kind k)
{
    switch (k) {
    case N_ADD: return " + ";
    case N_SUB: return " - ";
    case N_MUL: return " * ";
    case N_DIV: return "/";
    case N_POW: return "^";
    default: return NULL;
    }
}

/* Appends the display of n as R's deparse writes it: spaces around + - * /, none around ^,
 * parentheses as written, names that are not syntactic in backquotes. */
static void deparse(const expr_t *e, const node *n, sbuf *b)
{
    const char *op = binary_op(n->kind);
    if (op) {
        deparse(e, n->a, b);
        sb_put(b, op);
        deparse(e, n->b, b);
        return;
    }
    switch (n->kind) {
    case N_NUM: sb_put(b, n->numtext); return;
    case N_COL:
        if (is_plain_name(e->names[n->col])) {
            sb_put(b, e->names[n->col]);
        } else {
            sb_put(b, "`");
            sb_put(b, e->names[n->col]);
            sb_put(b, "`");
        }
        return;
    case N_NEG: sb_put(b, "-"); deparse(e, n->a, b); return;
    case N_PAREN: sb_put(b, "("); deparse(e, n->a, b); sb_put(b, ")"); return;
    default: break;
    }
    for (size_t f = 0; f < sizeof functions / sizeof functions[0]; f++)
        if (functions[f].kind == n->kind)
            sb_put(b, functions[f].name);
    sb_put(b, "(");
    deparse(e, n->a, b);
    if (n->b) {
        sb_put(b, ", ");
        deparse(e, n->b, b);
    }
    sb_put(b, ")");
}

int expr_parse_span(const char *full, size_t start, size_t end, expr_t **out, ds_err *err)
{
    *out = NULL;
    expr_t *e = xcalloc(1, sizeof *e);
    parser ps = {.full = full, .p = full + start, .end = full + end, .begin = full + start,
                 .e = e, .err = err};
    e->root = parse_sum(&ps);
    if (e->root) {
        skip_space(&ps);
        if (ps.p < ps.end) {
            unexpected(&ps, ps.p);
            node_free(e->root);
            e->root = NULL;
        }
    }
    if (!e->root) {
        if (!ps.failed)
            fail_at(&ps, ps.p, "cannot parse expression");
        expr_free(e);
        return DS_EDATA;
    }
    sbuf b = {0};
    deparse(e, e->root, &b);
    e->text = b.s;
    *out = e;
    return DS_OK;
}

int expr_parse(const char *text, expr_t **out, ds_err *err)
{
    return expr_parse_span(text, 0, strlen(text), out, err);
}

int expr_bind(expr_t *e, const table_t *t, ds_err *err)
{
    free(e->bound);
    e->bound = xcalloc(e->nnames ? e->nnames : 1, sizeof *e->bound);
    for (size_t i = 0; i < e->nnames; i++) {
        size_t c;
        int rc = table_number_column(t, e->names[i], &c, err);
        if (rc)
            return rc;
        e->bound[i] = (long)c;
    }
    return DS_OK;
}

/* Evaluates n; NAN for a missing input (flag untouched) or a domain error (*dom = 1). */
static long double eval(const expr_t *e, const node *n, const table_t *t, size_t row, int *dom)
{
    long double a, b = 0, r;
    switch (n->kind) {
    case N_NUM: return n->num;
    case N_COL: return table_num(t, row, (size_t)e->bound[n->col]);
    default: break;
    }
    a = eval(e, n->a, t, row, dom);
    if (n->b)
        b = eval(e, n->b, t, row, dom);
    if (isnan(a) || isnan(b))
        return NAN;
    switch (n->kind) {
    case N_NEG: r = -a; break;
    case N_PAREN: r = a; break;
    case N_ADD: r = a + b; break;
    case N_SUB: r = a - b; break;
    case N_MUL: r = a * b; break;
    case N_DIV: r = b == 0 ? NAN : a / b; break;
    case N_POW: r = powl(a, b); break;
    case N_LOG: r = a <= 0 ? NAN : logl(a); break;
    case N_LOG10: r = a <= 0 ? NAN : log10l(a); break;
    case N_EXP: r = expl(a); break;
    case N_SQRT: r = a < 0 ? NAN : sqrtl(a); break;
    case N_ABS: r = fabsl(a); break;
    case N_MIN: r = a < b ? a : b; break;
    case N_MAX: r = a > b ? a : b; break;
    default: r = NAN; break;
    }
    /* Anything that leaves the range of double is a domain problem, not a value. */
    if (!isfinite(r) || fabsl(r) > DBL_MAX) {
        *dom = 1;
        return NAN;
    }
    return r;
}

long double expr_eval_ld(const expr_t *e, const table_t *t, size_t row, int *domain_error)
{
    int dom = 0;
    long double v = e->root ? eval(e, e->root, t, row, &dom) : NAN;
    if (domain_error)
        *domain_error = dom;
    return v;
}

double expr_eval(const expr_t *e, const table_t *t, size_t row, int *domain_error)
{
    return (double)expr_eval_ld(e, t, row, domain_error);
}

const char *expr_text(const expr_t *e) { return e->text; }

expr_shape expr_top_shape(const expr_t *e)
{
    if (e->root->kind == N_COL)
        return EXPR_COLUMN;
    return e->root->kind >= N_LOG ? EXPR_CALL : EXPR_OTHER;
}

size_t expr_ncolumns(const expr_t *e) { return e->nnames; }

const char *expr_column(const expr_t *e, size_t i) { return i < e->nnames ? e->names[i] : NULL; }

void expr_free(expr_t *e)
{
    if (!e)
        return;
    node_free(e->root);
    free(e->text);
    for (size_t i = 0; i < e->nnames; i++)
        free(e->names[i]);
    free(e->names);
    free(e->bound);
    free(e);
}
