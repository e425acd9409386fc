/* plot_text: numbers and text as figures print them, how wide they come out, and the
 * sizes everything else scales from (font, line width, padding).
 *
 * Numbers are written in fixed notation, never %g's exponent, with thousands grouped
 * ("1,000,000"; in French "1 000 000" with U+202F, the narrow no-break space of French
 * typography, and a decimal comma) and a true minus sign (U+2212). Widths are estimated
 * from the advance widths of DejaVu Sans (fontconfig's "sans" on Debian), read from the
 * font's hmtx table and rounded to thousandths of an em: a layout made from them leaves
 * no text outside the image, which tests/cli/plot_text_inside checks on the SVG with the
 * font file itself. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

/* Advance widths of DejaVu Sans 2.37 for ASCII 32 … 126, in thousandths of an em. */
static const unsigned short ascii_width[95] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
};

void plot_quote(FILE *fp, const char *s)
{
    fputc('\'', fp);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', fp);
        if (*s != '\n' && *s != '\r')
            fputc(*s, fp);
    }
    fputc('\'', fp);
}

double plot_font_size(const plot_options *o)
{
    /* 16 pt at 1200x800, measured to be readable once the figure is shrunk to a column. */
    double scale = fmin(o->width / 1200.0, o->height / 800.0);
    return fmax(8.0, round(16.0 * scale));
}

double plot_scale(const plot_options *o)
{
    return plot_font_size(o) / 16.0;
}

double plot_pad_px(const plot_options *o)
{
    return 0.6 * plot_font_size(o) * PLOT_PX_PER_PT;
}

/* The next code point of UTF-8 text (a stray byte counts as one character). */
static unsigned long next_codepoint(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    unsigned long c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (more)
        c &= 0x3F >> more;
    for (; more > 0 && (*p & 0xC0) == 0x80; more--)
        c = (c << 6) | (*p++ & 0x3F);
    *s = (const char *)p;
    return c;
}

double plot_text_em(const char *s)
{
    double em = 0;
    while (*s) {
        unsigned long c = next_codepoint(&s);
        if (c >= 32 && c < 127)
            em += ascii_width[c - 32] / 1000.0;
        else if (c == 0x202F || c == 0x2009)
            em += 0.2;
        else if (c == 0xD7 || c == 0x2212 || c == 0x221D || c == 0x2264 || c == 0x2265)
            em += 0.838; /* ×, −, ∝, ≤, ≥ */
        else
            em += 0.7; /* accented letters are as wide as their base letter, below 0.7 */
    }
    return em;
}

double plot_text_px(const char *s, double font_pt)
{
    return plot_text_em(s) * font_pt * PLOT_PX_PER_PT;
}

double plot_line_px(double font_pt)
{
    return 1.25 * font_pt * PLOT_PX_PER_PT;
}

/* Groups the digits of an unsigned integer text in threes. */
static void group_digits(const char *digits, const char *sep, char *out, size_t size)
{
    size_t n = strlen(digits), o = 0, seplen = strlen(sep);
    for (size_t i = 0; i < n && o + seplen + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0 && n >= 4) {
            memcpy(out + o, sep, seplen);
            o += seplen;
        }
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

void plot_fixed(char *buf, size_t size, double v, int decimals, int french)
{
    char raw[400], grouped[512];
    if (decimals < 0)
        decimals = 0;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    int negative = v < 0 && strspn(raw, "0.") != strlen(raw); /* no "−0.00" */
    char *dot = strchr(raw, '.');
    if (dot)
        *dot = '\0';
    group_digits(raw, french ? "\xE2\x80\xAF" : ",", grouped, sizeof grouped);
    snprintf(buf, size, "%s%s%s%s", negative ? "\xE2\x88\x92" : "", grouped,
             dot ? (french ? "," : ".") : "", dot ? dot + 1 : "");
}

int plot_check_values(const char *what, const double *v, size_t n, ds_err *err)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            lo = fmin(lo, v[i]), hi = fmax(hi, v[i]);
    if (!(hi >= lo))
        return DS_OK;
    double span = hi > lo ? hi - lo : lo != 0 ? 0.2 * fabs(lo) : 2; /* as plot_pad_range */
    if (fmax(fabs(lo), fabs(hi)) < 1e15 && span >= 1e-12)
        return DS_OK;
    return ds_err_set(err, DS_EDATA, "plot: %s: values from %g to %g cannot be drawn with "
                      "ticks written in full (below 1e15 in size, spread over 1e-12 or more): "
                      "rescale them (derive 'x_bn = x / 1e9', or 'x_per_1e6 = x * 1e6')",
                      what, lo, hi);
}

void plot_num(char *buf, size_t size, double v, int digits, int french)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", isnan(v) ? "–" : v > 0 ? "∞" : "−∞");
        return;
    }
    int decimals = v == 0 ? 0 : digits - 1 - (int)floor(log10(fabs(v)));
    decimals = decimals < 0 ? 0 : decimals > 12 ? 12 : decimals;
    plot_fixed(buf, size, v, decimals, french);
    char *comma = strchr(buf, french ? ',' : '.');
    if (comma) { /* trailing zeros go, as %g drops them */
        char *end = buf + strlen(buf);
        while (end > comma + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == comma + 1)
            *comma = '\0';
    }
}

void plot_ticks_make(double lo, double hi, int target, plot_ticks *t)
{
    t->n = 0;
    t->decimals = 0;
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi))
        return;
    if (target < 2)
        target = 2;
    double raw = (hi - lo) / target, mag = pow(10, floor(log10(raw))), step = 10 * mag;
    static const double nice[] = {1, 2, 5};
    for (size_t i = 0; i < 3; i++)
        if (nice[i] * mag >= raw * 0.999) {
            step = nice[i] * mag;
            break;
        }
    t->decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    double first = ceil(lo / step - 1e-9);
    for (double k = first; k * step <= hi + step * 1e-9 && t->n < PLOT_MAX_TICKS; k++) {
        double v = k * step;
        t->v[t->n++] = fabs(v) < step * 1e-9 ? 0 : v;
    }
}

double plot_ticks_width_px(const plot_ticks *t, int french, double font_pt)
{
    double w = 0;
    char buf[64];
    for (size_t i = 0; i < t->n; i++) {
        plot_fixed(buf, sizeof buf, t->v[i], t->decimals, french);
        w = fmax(w, plot_text_px(buf, font_pt));
    }
    return w;
}

void plot_write_tics(FILE *fp, const char *axis, const plot_ticks *t, int french)
{
    char buf[64];
    fprintf(fp, "set %stics (", axis);
    for (size_t i = 0; i < t->n; i++) {
        plot_fixed(buf, sizeof buf, t->v[i], t->decimals, french);
        fprintf(fp, "%s", i ? ", " : "");
        plot_quote(fp, buf);
        fprintf(fp, " %.17g", t->v[i]);
    }
    fprintf(fp, ")\n");
}

/* The ticks of an axis of length_px: as many as fit with a gap of two digits between the
 * labels (along x, their width counts; along y, their height), at most about 8. */
void plot_axis_ticks(double lo, double hi, double length_px, int along_x, int french,
                     double font_pt, plot_ticks *t)
{
    for (int target = 8; target >= 2; target--) {
        plot_ticks_make(lo, hi, target, t);
        double each = along_x ? plot_ticks_width_px(t, french, font_pt)
                              : plot_line_px(font_pt);
        double gap = 2 * 0.636 * font_pt * PLOT_PX_PER_PT;
        if ((double)t->n * (each + gap) <= length_px)
            return;
    }
}

typedef struct line_list {
    char **lines;
    size_t n, cap;
} line_list;

static void push_line(line_list *l, const char *text, size_t len)
{
    if (l->n == l->cap)
        l->lines = xrealloc(l->lines, (l->cap = 2 * l->cap + 4) * sizeof *l->lines);
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    l->lines[l->n++] = copy;
}

char **plot_wrap(const char *text, double max_px, double font_pt, size_t *nlines)
{
    line_list l = {NULL, 0, 0};
    size_t len = strlen(text), used = 0;
    char *line = xmalloc(len + 2);
    for (const char *p = text; *p;) {
        size_t wlen = strcspn(p, " \n");
        if (wlen > 0) {
            /* the word joins the line, or opens the next when the line would be too wide */
            size_t before = used;
            if (used)
                line[used++] = ' ';
            memcpy(line + used, p, wlen);
            line[used + wlen] = '\0';
            if (before && plot_text_px(line, font_pt) > max_px) {
                push_line(&l, line, before);
                memmove(line, p, wlen);
                used = 0;
            }
            used += wlen;
            p += wlen;
        }
        if (*p == '\n' || (!*p && used)) { /* a hard break, or the end */
            if (used)
                push_line(&l, line, used);
            used = 0;
        }
        if (*p)
            p++;
    }
    free(line);
    *nlines = l.n;
    return l.lines;
}

void plot_lines_free(char **lines, size_t n)
{
    for (size_t i = 0; lines && i < n; i++)
        free(lines[i]);
    free(lines);
}
