/* spatial_chol: sparse Cholesky factorisation of I − λS, S symmetric, for log det(I − λS).
 *
 * Written by hand: GSL has sparse matrices but no sparse direct solver, and CHOLMOD (which
 * spatialreg reaches through R's Matrix) would be a large new dependency for one
 * determinant. The pieces are the textbook ones (George and Liu, "Computer Solution of
 * Large Sparse Positive Definite Systems", 1981; Davis, "Direct Methods for Sparse Linear
 * Systems", 2006): a nested-dissection ordering from level structures rooted at
 * pseudo-peripheral nodes, the elimination tree, row patterns from it, and an up-looking
 * numeric factorisation. The ordering and the symbolic analysis are done once; each λ costs
 * one numeric factorisation (for a 190 × 190 lattice, a few tens of milliseconds). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spatial_impl.h"

#define ND_LEAF 64 /* subgraphs this small are numbered as they come */
#define NONE SIZE_MAX

struct sp_chol {
    size_t n;
    size_t *up_ptr, *up_row; /* strictly upper part of P S P' by columns */
    double *up_val;
    size_t *parent;          /* elimination tree */
    size_t *lp, *li;         /* L by columns, diagonal first */
    double *lx;
    size_t *next, *mark, *path, *stack; /* work */
    double *x;
};

/* Breadth-first levels of the subgraph (nodes with label[v] == g) from root: order[] gets
 * the nodes level by level, level[] their level; returns the number of nodes reached and
 * sets *depth to the number of levels. */
static size_t bfs_levels(const size_t *rp, const size_t *ci, const size_t *label, size_t g,
                         size_t root, size_t *order, size_t *level, size_t *seen,
                         size_t stamp, size_t *depth)
{
    size_t head = 0, tail = 0;
    order[tail++] = root;
    seen[root] = stamp;
    level[root] = 0;
    while (head < tail) {
        size_t v = order[head++];
        for (size_t e = rp[v]; e < rp[v + 1]; e++) {
            size_t u = ci[e];
            if (label[u] == g && seen[u] != stamp) {
                seen[u] = stamp;
                level[u] = level[v] + 1;
                order[tail++] = u;
            }
        }
    }
    *depth = level[order[tail - 1]] + 1;
    return tail;
}

static size_t degree_in(const size_t *rp, const size_t *ci, const size_t *label, size_t g,
                        size_t v)
{
    size_t d = 0;
    for (size_t e = rp[v]; e < rp[v + 1]; e++)
        d += label[ci[e]] == g;
    return d;
}

struct nd_work {
    const size_t *rp, *ci;
    size_t *label, *order, *level, *seen, *members;
    size_t *stack_label, *stack_start, top;
    size_t stamp, next_label;
};

/* George and Liu's pseudo-peripheral node: move to a node of least degree in the last
 * level while that lengthens the level structure. Leaves its level structure in order[]
 * (count nodes, depth levels). */
static void pseudo_peripheral(struct nd_work *w, size_t g, size_t start, size_t *count,
                              size_t *depth)
{
    *count = bfs_levels(w->rp, w->ci, w->label, g, start, w->order, w->level, w->seen,
                        ++w->stamp, depth);
    for (;;) {
        size_t best = NONE, best_deg = NONE;
        for (size_t t = *count; t-- > 0 && w->level[w->order[t]] == *depth - 1;) {
            size_t d = degree_in(w->rp, w->ci, w->label, g, w->order[t]);
            if (d < best_deg)
                best = w->order[t], best_deg = d;
        }
        size_t d2, c2 = bfs_levels(w->rp, w->ci, w->label, g, best, w->order, w->level,
                                   w->seen, ++w->stamp, &d2);
        int longer = d2 > *depth;
        *count = c2;
        *depth = d2;
        if (!longer)
            return;
    }
}

/* Gives the nodes labelled g that start reaches the label lab; returns how many. */
static size_t relabel_component(struct nd_work *w, size_t g, size_t start, size_t lab)
{
    size_t head = 0, tail = 0;
    w->order[tail++] = start;
    w->label[start] = lab;
    while (head < tail) {
        size_t v = w->order[head++];
        for (size_t e = w->rp[v]; e < w->rp[v + 1]; e++)
            if (w->label[w->ci[e]] == g) {
                w->label[w->ci[e]] = lab;
                w->order[tail++] = w->ci[e];
            }
    }
    return tail;
}

static void push_components(struct nd_work *w, size_t g, const size_t *nodes, size_t count)
{
    for (size_t t = 0; t < count; t++)
        if (w->label[nodes[t]] == g) {
            size_t lab = w->next_label++;
            relabel_component(w, g, nodes[t], lab);
            w->stack_label[w->top] = lab;
            w->stack_start[w->top++] = nodes[t];
        }
}

/* Numbers subgraph g (the nodes labelled g connected to start) from *pos downwards: a small
 * or shallow one whole; else the separator last and its remaining components pushed. */
static void nd_split(struct nd_work *w, size_t g, size_t start, size_t *perm, size_t *pos)
{
    size_t count, depth;
    pseudo_peripheral(w, g, start, &count, &depth);
    if (count <= ND_LEAF || depth < 3) {
        for (size_t t = count; t-- > 0;) {
            perm[--*pos] = w->order[t];
            w->label[w->order[t]] = NONE;
        }
        return;
    }
    memcpy(w->members, w->order, count * sizeof *w->members);
    /* The middle level's nodes that touch the next level separate the levels above from
     * those below (George's automatic nested dissection, with that refinement). */
    size_t mid = depth / 2, nsep = 0;
    for (size_t t = 0; t < count; t++) {
        size_t v = w->members[t];
        if (w->level[v] != mid)
            continue;
        for (size_t e = w->rp[v]; e < w->rp[v + 1]; e++) {
            size_t u = w->ci[e];
            if (w->label[u] == g && w->seen[u] == w->stamp && w->level[u] == mid + 1) {
                w->order[nsep++] = v;
                break;
            }
        }
    }
    for (size_t t = nsep; t-- > 0;) {
        perm[--*pos] = w->order[t];
        w->label[w->order[t]] = NONE;
    }
    push_components(w, g, w->members, count);
}

/* perm[new] = old: nested dissection of the graph (rp, ci), every component in turn. */
static void nd_order(size_t n, const size_t *rp, const size_t *ci, size_t *perm)
{
    struct nd_work w = {rp, ci, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 1};
    w.label = xcalloc(n + 1, sizeof *w.label);
    w.order = xmalloc((n + 1) * sizeof *w.order);
    w.level = xmalloc((n + 1) * sizeof *w.level);
    w.seen = xcalloc(n + 1, sizeof *w.seen);
    w.members = xmalloc((n + 1) * sizeof *w.members);
    w.stack_label = xmalloc((n + 1) * sizeof *w.stack_label);
    w.stack_start = xmalloc((n + 1) * sizeof *w.stack_start);
    size_t *all = xmalloc((n + 1) * sizeof *all), pos = n;
    for (size_t v = 0; v < n; v++)
        all[v] = v;
    push_components(&w, 0, all, n);
    while (w.top > 0) {
        w.top--;
        nd_split(&w, w.stack_label[w.top], w.stack_start[w.top], perm, &pos);
    }
    free(all);
    free(w.label);
    free(w.order);
    free(w.level);
    free(w.seen);
    free(w.members);
    free(w.stack_label);
    free(w.stack_start);
}

/* The strictly upper triangle of P S P' by columns: for new column k, the rows i < k. */
static void upper_pattern(sp_chol *c, const size_t *rp, const size_t *ci, const double *val,
                          const size_t *perm, const size_t *iperm)
{
    size_t n = c->n, nnz = 0;
    c->up_ptr = xcalloc(n + 1, sizeof *c->up_ptr);
    for (size_t k = 0; k < n; k++) {
        size_t v = perm[k];
        for (size_t e = rp[v]; e < rp[v + 1]; e++)
            nnz += iperm[ci[e]] < k;
        c->up_ptr[k + 1] = nnz;
    }
    c->up_row = xmalloc((nnz + 1) * sizeof *c->up_row);
    c->up_val = xmalloc((nnz + 1) * sizeof *c->up_val);
    for (size_t k = 0; k < n; k++) {
        size_t v = perm[k], p = c->up_ptr[k];
        for (size_t e = rp[v]; e < rp[v + 1]; e++)
            if (iperm[ci[e]] < k) {
                c->up_row[p] = iperm[ci[e]];
                c->up_val[p++] = val[e];
            }
    }
}

/* Elimination tree (Liu), with path compression through ancestor[]. */
static void etree(sp_chol *c)
{
    size_t n = c->n, *ancestor = xmalloc((n + 1) * sizeof *ancestor);
    c->parent = xmalloc((n + 1) * sizeof *c->parent);
    for (size_t k = 0; k < n; k++) {
        c->parent[k] = ancestor[k] = NONE;
        for (size_t p = c->up_ptr[k]; p < c->up_ptr[k + 1]; p++) {
            size_t i = c->up_row[p], next;
            for (; i != NONE && i < k; i = next) {
                next = ancestor[i];
                ancestor[i] = k;
                if (next == NONE)
                    c->parent[i] = k;
            }
        }
    }
    free(ancestor);
}

/* The pattern of row k of L (without the diagonal), in an order where each node comes
 * before its ancestors: c->stack[top..n). */
static size_t row_pattern(sp_chol *c, size_t k)
{
    size_t top = c->n;
    c->mark[k] = k;
    for (size_t p = c->up_ptr[k]; p < c->up_ptr[k + 1]; p++) {
        size_t len = 0;
        for (size_t i = c->up_row[p]; c->mark[i] != k; i = c->parent[i]) {
            c->path[len++] = i;
            c->mark[i] = k;
        }
        while (len > 0)
            c->stack[--top] = c->path[--len];
    }
    return top;
}

static void symbolic(sp_chol *c)
{
    size_t n = c->n, *count = xcalloc(n + 1, sizeof *count);
    for (size_t k = 0; k < n; k++)
        c->mark[k] = NONE;
    for (size_t k = 0; k < n; k++)
        for (size_t t = row_pattern(c, k); t < n; t++)
            count[c->stack[t]]++;
    c->lp = xmalloc((n + 1) * sizeof *c->lp);
    c->lp[0] = 0;
    for (size_t k = 0; k < n; k++)
        c->lp[k + 1] = c->lp[k] + count[k] + 1;
    c->li = xmalloc((c->lp[n] + 1) * sizeof *c->li);
    c->lx = xmalloc((c->lp[n] + 1) * sizeof *c->lx);
    free(count);
}

sp_chol *sp_chol_new(size_t n, const size_t *row_ptr, const size_t *col, const double *val)
{
    sp_chol *c = xcalloc(1, sizeof *c);
    c->n = n;
    size_t *perm = xmalloc((n + 1) * sizeof *perm), *iperm = xmalloc((n + 1) * sizeof *iperm);
    nd_order(n, row_ptr, col, perm);
    for (size_t k = 0; k < n; k++)
        iperm[perm[k]] = k;
    upper_pattern(c, row_ptr, col, val, perm, iperm);
    free(perm);
    free(iperm);
    c->mark = xmalloc((n + 1) * sizeof *c->mark);
    c->path = xmalloc((n + 1) * sizeof *c->path);
    c->stack = xmalloc((n + 1) * sizeof *c->stack);
    c->next = xmalloc((n + 1) * sizeof *c->next);
    c->x = xcalloc(n + 1, sizeof *c->x);
    etree(c);
    symbolic(c);
    return c;
}

int sp_chol_logdet(sp_chol *c, double lambda, double *logdet)
{
    size_t n = c->n;
    double sum = 0;
    for (size_t k = 0; k < n; k++)
        c->mark[k] = NONE;
    for (size_t k = 0; k < n; k++) {
        size_t top = row_pattern(c, k);
        for (size_t p = c->up_ptr[k]; p < c->up_ptr[k + 1]; p++)
            c->x[c->up_row[p]] = -lambda * c->up_val[p];
        double d = 1.0; /* the diagonal of I − λS */
        for (size_t t = top; t < n; t++) {
            size_t j = c->stack[t];
            double lkj = c->x[j] / c->lx[c->lp[j]];
            c->x[j] = 0;
            for (size_t p = c->lp[j] + 1; p < c->next[j]; p++)
                c->x[c->li[p]] -= c->lx[p] * lkj;
            d -= lkj * lkj;
            c->li[c->next[j]] = k;
            c->lx[c->next[j]++] = lkj;
        }
        if (!(d > 0)) {
            for (size_t t = top; t < n; t++)
                c->x[c->stack[t]] = 0;
            return -1;
        }
        c->li[c->lp[k]] = k;
        c->lx[c->lp[k]] = sqrt(d);
        c->next[k] = c->lp[k] + 1;
        sum += log(d);
    }
    *logdet = sum; /* log det = 2 Σ log L_kk = Σ log d_k */
    return 0;
}

size_t sp_chol_nnz(const sp_chol *c) { return c->lp[c->n]; }

void sp_chol_free(sp_chol *c)
{
    if (!c)
        return;
    free(c->up_ptr);
    free(c->up_row);
    free(c->up_val);
    free(c->parent);
    free(c->lp);
    free(c->li);
    free(c->lx);
    free(c->next);
    free(c->mark);
    free(c->path);
    free(c->stack);
    free(c->x);
    free(c);
}
