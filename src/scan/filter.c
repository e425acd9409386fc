#include "damirstat/filter.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum kind { N_AND, N_OR, N_NOT, N_CMP, N_IN, N_BETWEEN, N_MISSING };
enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };
static const char *const op_text[] = {"=", "!=", "<", "<=", ">", ">="};

/* A literal: a number in hundredths or a string. */
typedef struct value {
    int is_text;
    int64_t num;
    char *text;
    size_t len;
} value;

typedef struct node {
    enum kind kind;
    enum op op;
    size_t col;
    value v, hi;       /* CMP: v; BETWEEN: v .. hi */
    value *set;        /* IN: sorted (numbers) or as given (strings) */
    size_t nset;
    uint64_t *bits;    /* IN over whole numbers close together: bit i = set holds lo + i */
    int64_t lo;        /* in hundredths, as set[0] */
    uint64_t span;     /* hundredths from lo to the largest member */
    int negate;        /* MISSING: 'is not missing' */
    struct node *a;    /* NOT: its operand */
    struct node **kids; /* AND, OR: the operands of a chain, in order (a loop evaluates
                         * them: no recursion as deep as the chain is long) */
    size_t nkids;
} node;

/* Three-valued logic, as SQL's: a numeric comparison with an empty field is not known. */
enum { T_FALSE = 0, T_TRUE = 1, T_UNKNOWN = 2 };
enum { NUM_MISSING = FILTER_NUM_MISSING }; /* number_of on an empty field */

struct filter {
    node *root;
    char **cols;
    size_t ncols;
    char *canonical;
    int64_t *num;      /* per column: its number in the row being evaluated, */
    uint64_t *den;     /* over this denominator (1 but for values given by filter_num_fn) */
    int *num_rc;       /* SCAN_NUM_* of that parse */
    filter_num_fn num_fn; /* gives numbers instead of parsing the text, if set */
    uint64_t *num_gen; /* the evaluation that parsed it */
    uint64_t gen;
};

enum tok { T_END, T_IDENT, T_NUM, T_STR, T_LP, T_RP, T_COMMA, T_OP };

typedef struct parser {
    const char *src, *p;
    enum tok tok;
    const char *tstart;
    size_t tlen;
    enum op op;
    filter_t *f;
    ds_err *err;
    int failed;
    int depth; /* parse_unary calls in progress: nesting of 'not' and parentheses */
    const char *option; /* named in messages: "--where" */
} parser;

/* Deeper nesting is refused rather than recursed into: 100000 '(' must be an error, not a
 * stack overflow, and no --where a person writes comes near it. */
enum { FILTER_MAX_DEPTH = 200 };

static node *parse_or(parser *ps);

static void fail(parser *ps, const char *at, const char *what)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    ds_err_caret(ps->err, DS_EUSAGE, ps->option, what, ps->src, (size_t)(at - ps->src));
}

/* Operators of other languages (C, R, SQL, spreadsheets) met at p, with this one's
 * spelling: "'==': write '='". NULL when p holds none. */
static const char *foreign_operator(const char *p)
{
    static const struct { const char *op, *say; } foreign[] = {
        {"==", "'==': write '=' (one '=')"}, {"<>", "'<>': write '!='"},
        {"=<", "'=<': write '<='"},          {"=>", "'=>': write '>='"},
        {"&&", "'&&': write 'and'"},         {"&", "'&': write 'and'"},
        {"||", "'||': write 'or'"},          {"|", "'|': write 'or'"},
        {"!", "'!': write 'not' (not A = 1), or '!=' for 'differs from'"},
    };
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
        if (strncmp(p, foreign[i].op, strlen(foreign[i].op)) == 0 &&
            !(foreign[i].op[0] == '!' && p[1] == '='))
            return foreign[i].say;
    return NULL;
}

static void lex(parser *ps)
{
    const char *p = ps->p;
    while (isspace((unsigned char)*p))
        p++;
    ps->tstart = p;
    if (!*p) {
        ps->tok = T_END;
    } else if (isalpha((unsigned char)*p) || *p == '_') {
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        ps->tok = T_IDENT;
    } else if (isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+') {
        p++;
        while (isdigit((unsigned char)*p) || *p == '.')
            p++;
        ps->tok = T_NUM;
    } else if (*p == '\'' || *p == '"') {
        const char *close = strchr(p + 1, *p);
        if (!close) {
            fail(ps, p, "unterminated string");
            close = p + strlen(p) - 1;
        }
        p = close + 1;
        ps->tok = T_STR;
    } else if (foreign_operator(p)) {
        fail(ps, p, foreign_operator(p));
        ps->tok = T_END;
        p++;
    } else if (strchr("=!<>", *p)) {
        static const char *const ops[] = {"!=", "<=", ">=", "=", "<", ">"};
        static const enum op codes[] = {OP_NE, OP_LE, OP_GE, OP_EQ, OP_LT, OP_GT};
        size_t i = 0;
        while (i < 6 && strncmp(p, ops[i], strlen(ops[i])) != 0)
            i++;
        if (i == 6) {
            fail(ps, p, "unknown operator (use = != < <= > >=)");
            i = 3;
        }
        ps->op = codes[i];
        p += strlen(ops[i]);
        ps->tok = T_OP;
    } else {
        ps->tok = *p == '(' ? T_LP : *p == ')' ? T_RP : *p == ',' ? T_COMMA : T_END;
        if (ps->tok == T_END)
            fail(ps, p, "unexpected character");
        p++;
    }
    ps->tlen = (size_t)(p - ps->tstart);
    ps->p = p;
}

static int is_kw(const parser *ps, const char *kw)
{
    return ps->tok == T_IDENT && ps->tlen == strlen(kw) && strncasecmp(ps->tstart, kw, ps->tlen) == 0;
}

static node *new_node(enum kind kind, node *a)
{
    node *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->a = a;
    return n;
}

/* Appends k to the chain c; a first operand that is a chain of the same kind, (a and b)
 * and c, is spliced in, so that the canonical text stays that of a left-to-right chain. */
static void add_kid(node *c, node *k)
{
    if (c->nkids == 0 && k && k->kind == c->kind && k->nkids) {
        c->kids = k->kids, c->nkids = k->nkids;
        free(k);
        return;
    }
    if ((c->nkids & (c->nkids - 1)) == 0) /* at 0, 1, 2, 4, 8...: room doubles */
        c->kids = xrealloc(c->kids, (c->nkids ? 2 * c->nkids : 1) * sizeof *c->kids);
    c->kids[c->nkids++] = k;
}

/* Recursion is as deep as the nesting of parentheses and 'not', which the parser bounds. */
static void free_node(node *n)
{
    if (!n)
        return;
    free_node(n->a);
    for (size_t i = 0; i < n->nkids; i++)
        free_node(n->kids[i]);
    free(n->kids);
    free(n->v.text);
    free(n->hi.text);
    for (size_t i = 0; i < n->nset; i++)
        free(n->set[i].text);
    free(n->set);
    free(n->bits);
    free(n);
}

static size_t column_index(filter_t *f, const char *name, size_t len)
{
    for (size_t i = 0; i < f->ncols; i++)
        if (strlen(f->cols[i]) == len && strncmp(f->cols[i], name, len) == 0)
            return i;
    f->cols = xrealloc(f->cols, (f->ncols + 1) * sizeof *f->cols);
    f->cols[f->ncols] = xstrndup(name, len);
    return f->ncols++;
}

static value parse_value(parser *ps)
{
    value v = {0, 0, NULL, 0};
    if (ps->tok == T_STR) {
        v.is_text = 1;
        v.len = ps->tlen >= 2 ? ps->tlen - 2 : 0;
        v.text = xstrndup(ps->tstart + 1, v.len);
    } else if (ps->tok != T_NUM || scan_cents(ps->tstart, ps->tlen, &v.num) != SCAN_NUM_OK ||
               ps->tlen == 0) {
        fail(ps, ps->tstart, "expected a number or a quoted string");
    }
    lex(ps);
    return v;
}

static int cmp_values(const void *x, const void *y)
{
    const value *a = x, *b = y;
    if (!a->is_text)
        return (a->num > b->num) - (a->num < b->num);
    int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Sets of codes (PRS_NAT in (1110,1111,…)) become a bitmap: a range check and a bit test
 * per row instead of a bisection. Only for whole numbers less than MAX_SPAN apart, so that
 * the bitmap stays under 8 KiB. */
enum { MAX_SPAN = 1 << 16 };

static void set_bitmap(node *n)
{
    if (n->nset == 0 || n->set[0].is_text)
        return;
    int64_t lo = n->set[0].num / 100, hi = n->set[n->nset - 1].num / 100;
    for (size_t i = 0; i < n->nset; i++)
        if (n->set[i].num % 100 != 0)
            return;
    if (hi - lo >= MAX_SPAN)
        return;
    n->bits = xcalloc((size_t)(hi - lo) / 64 + 1, sizeof *n->bits);
    n->lo = lo * 100;
    n->span = (uint64_t)(hi - lo) * 100;
    for (size_t i = 0; i < n->nset; i++) {
        uint64_t at = (uint64_t)(n->set[i].num / 100 - lo);
        n->bits[at / 64] |= 1ull << (at % 64);
    }
}

static void parse_set(parser *ps, node *n)
{
    if (ps->tok != T_LP) {
        fail(ps, ps->tstart, "expected '(' after 'in'");
        return;
    }
    do {
        lex(ps);
        const char *at = ps->tstart;
        value v = parse_value(ps);
        n->set = xrealloc(n->set, (n->nset + 1) * sizeof *n->set);
        n->set[n->nset++] = v;
        if (v.is_text != n->set[0].is_text)
            fail(ps, at, "an 'in' list holds only numbers or only strings");
    } while (!ps->failed && ps->tok == T_COMMA);
    if (ps->failed)
        return; /* a mixed list must not be sorted: numbers and strings do not compare */
    if (ps->tok != T_RP) {
        fail(ps, ps->tstart, "expected ',' or ')' in the 'in' list");
        return;
    }
    lex(ps);
    qsort(n->set, n->nset, sizeof *n->set, cmp_values);
    set_bitmap(n);
}

/* COL op value | COL [not] in (…) | COL between a and b */
static node *parse_predicate(parser *ps)
{
    if (ps->tok != T_IDENT || is_kw(ps, "and") || is_kw(ps, "or") || is_kw(ps, "in")) {
        fail(ps, ps->tstart, "expected a column name");
        return NULL;
    }
    node *n = new_node(N_CMP, NULL);
    n->col = column_index(ps->f, ps->tstart, ps->tlen);
    lex(ps);
    if (is_kw(ps, "is")) {
        n->kind = N_MISSING;
        lex(ps);
        if ((n->negate = is_kw(ps, "not")) != 0)
            lex(ps);
        if (!is_kw(ps, "missing"))
            fail(ps, ps->tstart, "expected 'missing' or 'not missing' after 'is'");
        lex(ps);
    } else if (ps->tok == T_OP) {
        n->op = ps->op;
        lex(ps);
        n->v = parse_value(ps);
    } else if (is_kw(ps, "in")) {
        n->kind = N_IN;
        lex(ps);
        parse_set(ps, n);
    } else if (is_kw(ps, "between")) {
        n->kind = N_BETWEEN;
        lex(ps);
        n->v = parse_value(ps);
        if (!is_kw(ps, "and"))
            fail(ps, ps->tstart, "expected 'and' in 'between a and b'");
        lex(ps);
        const char *at = ps->tstart;
        n->hi = parse_value(ps);
        if (n->hi.is_text != n->v.is_text)
            fail(ps, at, "'between' needs two numbers or two strings");
    } else {
        fail(ps, ps->tstart, "expected an operator (= != < <= > >=), 'in', 'between' or 'is'");
    }
    return n;
}

static node *parse_unary_nested(parser *ps);

static node *parse_unary(parser *ps)
{
    if (ps->failed)
        return NULL;
    if (ps->depth >= FILTER_MAX_DEPTH) {
        fail(ps, ps->tstart, "expression nested too deeply (more than 200 levels)");
        return NULL;
    }
    ps->depth++;
    node *n = parse_unary_nested(ps);
    ps->depth--;
    return n;
}

static node *parse_unary_nested(parser *ps)
{
    if (is_kw(ps, "not")) {
        lex(ps);
        return new_node(N_NOT, parse_unary(ps));
    }
    if (ps->tok == T_LP) {
        lex(ps);
        node *n = parse_or(ps);
        if (ps->tok != T_RP)
            fail(ps, ps->tstart, "expected ')'");
        lex(ps);
        return n;
    }
    return parse_predicate(ps);
}

/* a and b and c ...: one chain node, however long (a loop, not a recursion a term). */
static node *parse_and(parser *ps)
{
    node *n = parse_unary(ps);
    if (ps->failed || !is_kw(ps, "and"))
        return n;
    node *chain = new_node(N_AND, NULL);
    add_kid(chain, n);
    while (!ps->failed && is_kw(ps, "and")) {
        lex(ps);
        add_kid(chain, parse_unary(ps));
    }
    return chain;
}

static node *parse_or(parser *ps)
{
    node *n = parse_and(ps);
    if (ps->failed || !is_kw(ps, "or"))
        return n;
    node *chain = new_node(N_OR, NULL);
    add_kid(chain, n);
    while (!ps->failed && is_kw(ps, "or")) {
        lex(ps);
        add_kid(chain, parse_and(ps));
    }
    return chain;
}

/* A growing string for the canonical form. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = 2 * (b->len + n + 1);
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_value(sbuf *b, const value *v)
{
    char num[48];
    if (v->is_text) {
        /* Strings have no escapes, so one holding ' can only be written between "". */
        const char *q = memchr(v->text, '\'', v->len) ? "\"" : "'";
        put(b, q, 1);
        put(b, v->text, v->len);
        put(b, q, 1);
        return;
    }
    uint64_t mag = v->num < 0 ? 0 - (uint64_t)v->num : (uint64_t)v->num;
    unsigned cents = (unsigned)(mag % 100);
    if (cents == 0)
        snprintf(num, sizeof num, "%s%" PRIu64, v->num < 0 ? "-" : "", mag / 100);
    else if (cents % 10 == 0)
        snprintf(num, sizeof num, "%s%" PRIu64 ".%u", v->num < 0 ? "-" : "", mag / 100, cents / 10);
    else
        snprintf(num, sizeof num, "%s%" PRIu64 ".%02u", v->num < 0 ? "-" : "", mag / 100, cents);
    puts_(b, num);
}

static void put_node(sbuf *b, const filter_t *f, const node *n)
{
    put(b, "(", 1);
    if (n->kind == N_AND || n->kind == N_OR) {
        /* one pair of parentheses for the chain: a pair per operand would make the text
         * of a long chain deeper than the parser accepts */
        for (size_t i = 0; i < n->nkids; i++) {
            if (i)
                puts_(b, n->kind == N_AND ? " and " : " or ");
            put_node(b, f, n->kids[i]);
        }
    } else if (n->kind == N_NOT) {
        puts_(b, "not ");
        put_node(b, f, n->a);
    } else {
        puts_(b, f->cols[n->col]);
        if (n->kind == N_MISSING) {
            puts_(b, n->negate ? " is not missing" : " is missing");
        } else if (n->kind == N_CMP) {
            put(b, " ", 1);
            puts_(b, op_text[n->op]);
            put(b, " ", 1);
            put_value(b, &n->v);
        } else if (n->kind == N_BETWEEN) {
            puts_(b, " between ");
            put_value(b, &n->v);
            puts_(b, " and ");
            put_value(b, &n->hi);
        } else {
            puts_(b, " in (");
            for (size_t i = 0; i < n->nset; i++) {
                if (i && cmp_values(&n->set[i - 1], &n->set[i]) == 0)
                    continue;
                if (i)
                    put(b, ",", 1);
                put_value(b, &n->set[i]);
            }
            put(b, ")", 1);
        }
    }
    put(b, ")", 1);
}

int filter_parse(const char *expr, filter_t **out, ds_err *err)
{
    return filter_parse_as(expr, "--where", out, err);
}

int filter_parse_as(const char *expr, const char *option, filter_t **out, ds_err *err)
{
    *out = NULL;
    filter_t *f = xcalloc(1, sizeof *f);
    parser ps = {expr, expr, T_END, expr, 0, OP_EQ, f, err, 0, 0, option};
    lex(&ps);
    if (ps.tok == T_END)
        fail(&ps, ps.tstart, "empty expression");
    f->root = parse_or(&ps);
    if (!ps.failed && ps.tok != T_END)
        fail(&ps, ps.tstart, "expected 'and', 'or' or the end of the expression");
    if (ps.failed) {
        filter_free(f);
        return DS_EUSAGE;
    }
    sbuf b = {NULL, 0, 0};
    put_node(&b, f, f->root);
    f->canonical = b.s;
    f->num = xcalloc(f->ncols + 1, sizeof *f->num);
    f->den = xcalloc(f->ncols + 1, sizeof *f->den);
    f->num_rc = xcalloc(f->ncols + 1, sizeof *f->num_rc);
    f->num_gen = xcalloc(f->ncols + 1, sizeof *f->num_gen);
    *out = f;
    return DS_OK;
}

size_t filter_ncols(const filter_t *f)
{
    return f->ncols;
}

const char *filter_col(const filter_t *f, size_t i)
{
    return f->cols[i];
}

const char *filter_canonical(const filter_t *f)
{
    return f->canonical;
}

void filter_free(filter_t *f)
{
    if (!f)
        return;
    free_node(f->root);
    for (size_t i = 0; i < f->ncols; i++)
        free(f->cols[i]);
    free(f->cols);
    free(f->canonical);
    free(f->num);
    free(f->den);
    free(f->num_rc);
    free(f->num_gen);
    free(f);
}

/* Evaluation: a node returns 1 or 0, or a SCAN_NUM_* code that aborts the whole row. */
typedef struct eval_ctx {
    filter_t *f;
    filter_get_fn get;
    void *ctx;
    size_t *bad;
} eval_ctx;

void filter_set_num_fn(filter_t *f, filter_num_fn fn)
{
    f->num_fn = fn;
}

/* The column's number in the row, parsed once per evaluation: *v over *den. */
static int number_of(eval_ctx *e, size_t col, int64_t *v, uint64_t *den)
{
    filter_t *f = e->f;
    if (f->num_gen[col] != f->gen) {
        f->num_gen[col] = f->gen;
        f->den[col] = 1;
        if (f->num_fn) {
            f->num_rc[col] = f->num_fn(e->ctx, col, &f->num[col], &f->den[col]);
        } else {
            scan_field text = e->get(e->ctx, col);
            f->num_rc[col] = text.len == 0 ? NUM_MISSING
                                           : scan_cents(text.p, text.len, &f->num[col]);
        }
    }
    *v = f->num[col];
    *den = f->den[col];
    if (f->num_rc[col] < 0)
        *e->bad = col;
    return f->num_rc[col];
}

__extension__ typedef __int128 wide_int; /* |y| * den < 2^127 */

/* Compares x / den (den >= 1) with y: <0, 0, >0, exactly. */
static int cmp_ratio(int64_t x, uint64_t den, int64_t y)
{
    if (den == 1)
        return (x > y) - (x < y);
    wide_int a = x, b = (wide_int)y * den;
    return (a > b) - (a < b);
}

/* Compares the field with a literal: <0, 0, >0, or sets *rc to a parse failure or, for a
 * number compared with an empty field, NUM_MISSING. */
static int compare(eval_ctx *e, size_t col, const value *v, int *rc)
{
    if (v->is_text) {
        scan_field text = e->get(e->ctx, col);
        value field = {1, 0, (char *)(uintptr_t)text.p, text.len};
        return cmp_values(&field, v);
    }
    int64_t x;
    uint64_t den;
    *rc = number_of(e, col, &x, &den);
    return cmp_ratio(x, den, v->num);
}

static int test_op(enum op op, int c)
{
    switch (op) {
    case OP_EQ: return c == 0;
    case OP_NE: return c != 0;
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    default: return c >= 0;
    }
}

/* Numeric sets are searched by bisection on the parsed number; string sets by compare. */
static int in_set(eval_ctx *e, const node *n)
{
    int rc = SCAN_NUM_OK;
    size_t lo = 0, hi = n->nset;
    if (!n->set[0].is_text) {
        int64_t x;
        uint64_t den;
        if ((rc = number_of(e, n->col, &x, &den)) != SCAN_NUM_OK)
            return rc == NUM_MISSING ? T_UNKNOWN : rc;
        if (den != 1) { /* a mean: in a set of numbers in hundredths only if whole cents */
            if (x % (int64_t)den != 0)
                return 0;
            x /= (int64_t)den;
        }
        if (n->bits) {
            uint64_t d = (uint64_t)x - (uint64_t)n->lo; /* wraps when x < lo: out of range */
            if (d > n->span || d % 100 != 0)
                return 0;
            return (int)(n->bits[d / 100 / 64] >> (d / 100 % 64) & 1);
        }
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (n->set[mid].num == x)
                return 1;
            if (x < n->set[mid].num)
                hi = mid;
            else
                lo = mid + 1;
        }
        return 0;
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = compare(e, n->col, &n->set[mid], &rc);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static int eval_node(eval_ctx *e, const node *n);

/* and: false as soon as an operand is, else unknown if one was; or: the dual. An error (a
 * field that is no number) stops the row at once, as it did with two-valued logic. */
static int eval_chain(eval_ctx *e, const node *n)
{
    int stop = n->kind == N_AND ? T_FALSE : T_TRUE, result = !stop;
    for (size_t i = 0; i < n->nkids; i++) {
        int r = eval_node(e, n->kids[i]);
        if (r < 0 || r == stop)
            return r;
        if (r == T_UNKNOWN)
            result = T_UNKNOWN;
    }
    return result;
}

/* Recursion is as deep as the nesting of parentheses and 'not' (the parser bounds it); a
 * chain is a loop. */
static int eval_node(eval_ctx *e, const node *n)
{
    int rc = SCAN_NUM_OK, r;
    switch (n->kind) {
    case N_AND:
    case N_OR:
        return eval_chain(e, n);
    case N_NOT:
        r = eval_node(e, n->a);
        return r < 0 || r == T_UNKNOWN ? r : !r;
    case N_IN:
        return in_set(e, n);
    case N_MISSING:
        return (e->get(e->ctx, n->col).len == 0) != n->negate;
    case N_BETWEEN:
        r = compare(e, n->col, &n->v, &rc) >= 0 && compare(e, n->col, &n->hi, &rc) <= 0;
        break;
    default:
        r = test_op(n->op, compare(e, n->col, &n->v, &rc));
        break;
    }
    return rc == NUM_MISSING ? T_UNKNOWN : rc != SCAN_NUM_OK ? rc : r;
}

int filter_eval(filter_t *f, filter_get_fn get, void *ctx, size_t *bad)
{
    f->gen++;
    eval_ctx e = {f, get, ctx, bad};
    int r = eval_node(&e, f->root);
    return r == T_UNKNOWN ? T_FALSE : r; /* a row is kept when the filter is known true */
}
