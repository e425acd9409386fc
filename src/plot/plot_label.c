/* plot_label: the frame that maps data to pixels, and point labels placed so they do not
 * run over each other (greedy: most important first, a few candidate offsets each). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "plot_impl.h"

void plot_write_frame(FILE *fp, const plot_frame *f)
{
    fprintf(fp,
            "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
            "set bmargin at screen %.4f\nset tmargin at screen %.4f\n"
            "set xrange [%.17g:%.17g]\nset yrange [%.17g:%.17g]\n",
            f->left, f->right, f->bottom, f->top, f->xmin, f->xmax, f->ymin, f->ymax);
}

double plot_frame_px(const plot_frame *f, double x)
{
    double t = (x - f->xmin) / (f->xmax - f->xmin);
    return f->width * (f->left + t * (f->right - f->left));
}

double plot_frame_py(const plot_frame *f, double y)
{
    double t = (y - f->ymin) / (f->ymax - f->ymin);
    return f->height * (f->bottom + t * (f->top - f->bottom));
}

void plot_pad_range(double *lo, double *hi, double frac)
{
    double span = *hi - *lo;
    if (!(span > 0)) {
        double d = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1;
        *lo -= d;
        *hi += d;
        return;
    }
    *lo -= span * frac;
    *hi += span * frac;
}

typedef struct box {
    double x0, y0, x1, y1; /* pixels, y up */
} box;

static int overlaps(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Candidate placements around a point, as (dx, dy) in units of the gap and the anchor:
 * -1 = the label's right end at the point (left of it), 0 = centred, 1 = left end. The
 * near ring first; a label of the far ring gets a leader line to its point, so that it
 * never seems to name another one. */
static const struct {
    double dx, dy;
    int anchor;
} candidates[] = {
    {1, 0, 1}, {-1, 0, -1}, {0, 1.4, 0}, {0, -1.4, 0}, {1, 1, 1}, {-1, 1, -1},
    {1, -1, 1}, {-1, -1, -1}, {2.5, 2, 1}, {-2.5, 2, -1}, {2.5, -2, 1}, {-2.5, -2, -1},
};
#define NEAR_CANDIDATES 8

static box label_box(double px, double py, double wpx, double hpx, double gap, int k)
{
    double ax = px + candidates[k].dx * gap, ay = py + candidates[k].dy * gap;
    box b;
    b.x0 = candidates[k].anchor == 1 ? ax : candidates[k].anchor == 0 ? ax - wpx / 2 : ax - wpx;
    b.x1 = b.x0 + wpx;
    b.y0 = ay - hpx / 2;
    b.y1 = ay + hpx / 2;
    return b;
}

static int box_is_free(const box *b, const box *placed, size_t nplaced, const plot_frame *f)
{
    if (b->x0 < f->left * f->width || b->x1 > f->right * f->width ||
        b->y0 < f->bottom * f->height || b->y1 > f->top * f->height)
        return 0;
    for (size_t j = 0; j < nplaced; j++)
        if (overlaps(b, &placed[j]))
            return 0;
    return 1;
}

/* Anchors the text at the end nearest its point (right end for a label on the left), so
 * an error in the width estimate moves the far end, never onto the point. */
static double data_x(const plot_frame *f, double px)
{
    return f->xmin + (px / f->width - f->left) / (f->right - f->left) * (f->xmax - f->xmin);
}

static double data_y(const plot_frame *f, double py)
{
    return f->ymin + (py / f->height - f->bottom) / (f->top - f->bottom) * (f->ymax - f->ymin);
}

static void write_label(FILE *fp, const plot_frame *f, const box *b, int anchor,
                        const char *text, double font_size)
{
    double ax = anchor == 1 ? b->x0 : anchor == 0 ? (b->x0 + b->x1) / 2 : b->x1;
    fprintf(fp, "set label ");
    plot_quote(fp, text);
    fprintf(fp, " at %.17g,%.17g %s front font ',%g' textcolor rgb '#222222'\n",
            data_x(f, ax), data_y(f, (b->y0 + b->y1) / 2),
            anchor == 1 ? "left" : anchor == 0 ? "center" : "right", font_size);
}

/* A thin line from a far label's near end to the rim of its point's marker. */
static void write_leader(FILE *fp, const plot_frame *f, const box *b, int anchor, double px,
                         double py, double marker)
{
    double ax = anchor == 1 ? b->x0 : anchor == 0 ? (b->x0 + b->x1) / 2 : b->x1;
    double ay = (b->y0 + b->y1) / 2, dx = px - ax, dy = py - ay, d = hypot(dx, dy);
    if (!(d > marker))
        return;
    fprintf(fp, "set arrow from %.17g,%.17g to %.17g,%.17g nohead front lw 0.8 "
                "lc rgb '#777777'\n",
            data_x(f, ax - dx / d * 2), data_y(f, ay - dy / d * 2),
            data_x(f, px - dx / d * marker), data_y(f, py - dy / d * marker));
}

/* First free candidate box for a label of wpx pixels at (px, py), or -1. */
static int find_place(const plot_frame *f, double px, double py, double wpx, double line_h,
                      double gap, const box *obstacles, size_t nobstacles, box *out)
{
    for (size_t k = 0; k < sizeof candidates / sizeof candidates[0]; k++) {
        box b = label_box(px, py, wpx, line_h, gap, (int)k);
        if (box_is_free(&b, obstacles, nobstacles, f)) {
            *out = b;
            return (int)k;
        }
    }
    return -1;
}

size_t plot_write_labels(FILE *fp, const plot_frame *f, const plot_points *pts, size_t n,
                         const size_t *which, const char *const *text, double font_size,
                         const double *avoid)
{
    /* Cairo's sans at s pt: ~0.7 s px a character on mixed-case names, line ~1.3 s px
     * (measured on pngcairo renders of department names). */
    double line_h = 1.3 * font_size * PLOT_PX_PER_PT, gap = 0.75 * font_size;
    double marker = 0.6 * font_size; /* half the side of a point's marker, in pixels */
    /* Obstacles: the avoid box, then every point, then the labels as they are placed.
     * Labels are placed clear of all points when possible, else clear of the named ones. */
    size_t nfixed = 0, nplaced = 0;
    box *boxes = xcalloc(pts->n + 2 * n + 1, sizeof *boxes);
    if (avoid)
        boxes[nfixed++] = (box){avoid[0], avoid[1], avoid[2], avoid[3]};
    size_t first_point = nfixed;
    for (size_t i = 0; i < pts->n; i++) {
        double px = plot_frame_px(f, pts->x[i]), py = plot_frame_py(f, pts->y[i]);
        boxes[nfixed++] = (box){px - marker, py - marker, px + marker, py + marker};
    }
    box *named = xcalloc(3 * n + 1, sizeof *named); /* avoid + named points + labels */
    size_t nnamed = 0;
    if (avoid)
        named[nnamed++] = boxes[0];
    for (size_t i = 0; i < n; i++)
        named[nnamed++] = boxes[first_point + which[i]];
    for (size_t i = 0; i < n; i++) {
        if (!text[i] || !*text[i])
            continue;
        double px = plot_frame_px(f, pts->x[which[i]]), py = plot_frame_py(f, pts->y[which[i]]);
        double wpx = plot_text_px(text[i], font_size);
        box b;
        int k = find_place(f, px, py, wpx, line_h, gap, boxes, nfixed + nplaced, &b);
        if (k < 0)
            k = find_place(f, px, py, wpx, line_h, gap, named, nnamed, &b);
        if (k < 0)
            continue;
        boxes[nfixed + nplaced++] = b;
        named[nnamed++] = b;
        write_label(fp, f, &b, candidates[k].anchor, text[i], font_size);
        if (k >= NEAR_CANDIDATES)
            write_leader(fp, f, &b, candidates[k].anchor, px, py, marker);
    }
    free(boxes);
    free(named);
    return nplaced;
}

const char *plot_row_label(const table_t *t, long label_col, size_t row)
{
    if (label_col < 0)
        return NULL;
    const char *text = table_text(t, row, (size_t)label_col);
    /* the column's name says the level (reg…, BEN_RES_REG: regions; dep…: departments), as
     * plot map reads it: a region code is never named as the department of that number */
    geo_region_scheme scheme;
    geo_level level = geo_level_of_name(table_col_name(t, (size_t)label_col), &scheme);
    char code[GEO_CODE_MAX];
    int region;
    if (level == GEO_LEVEL_REGION) {
        const char *name = NULL;
        if (geo_region_canon(text, strlen(text), scheme, &region, NULL) == DS_OK)
            name = geo_region_name(region, scheme);
        return name ? name : text;
    }
    if (table_col_type(t, (size_t)label_col) == TABLE_NUMBER || strlen(text) <= 3) {
        if (geo_dept_canon(text, strlen(text), code, NULL) == DS_OK) {
            const char *name = geo_dept_name(code);
            if (name)
                return name;
        }
    }
    return text;
}

int plot_column(const table_t *t, const char *name, long *col, ds_err *err)
{
    size_t c;
    *col = -1;
    if (table_column(t, name, NULL, &c, err))
        return plot_prefix_error(err), DS_EDATA;
    *col = (long)c;
    return DS_OK;
}

int plot_number_column(const table_t *t, const char *name, long *col, ds_err *err)
{
    size_t c;
    int rc = plot_column(t, name, col, err);
    if (rc == DS_OK && (rc = table_number_column(t, name, &c, err)))
        plot_prefix_error(err);
    return rc;
}

struct keyed {
    double key;
    size_t index;
};

static int cmp_desc(const void *a, const void *b)
{
    const struct keyed *ka = a, *kb = b;
    if (isnan(ka->key) != isnan(kb->key))
        return isnan(ka->key) ? 1 : -1;
    if (ka->key != kb->key && !isnan(ka->key))
        return ka->key > kb->key ? -1 : 1;
    return ka->index < kb->index ? -1 : 1; /* stable: ties keep table order */
}

size_t *plot_order_desc(const double *key, size_t n)
{
    struct keyed *k = xmalloc((n ? n : 1) * sizeof *k);
    for (size_t i = 0; i < n; i++)
        k[i] = (struct keyed){key[i], i};
    qsort(k, n, sizeof *k, cmp_desc);
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = k[i].index;
    free(k);
    return idx;
}
