/* plot: the parts that need no gnuplot: file types, number text, the data-to-pixel frame,
 * and label placement (no two labels overlap, none leaves the frame). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/plot/plot_impl.h"
#include "t.h"

TEST(test_plot_format_follows_the_extension)
{
    plot_format f;
    ds_err err;
    ds_err_clear(&err);
    CHECK(plot_format_of("plots/a.png", &f, &err) == DS_OK && f == PLOT_PNG, "png");
    CHECK(plot_format_of("A.SVG", &f, &err) == DS_OK && f == PLOT_SVG, "svg, any case");
    CHECK(plot_format_of("x.pdf", &f, &err) == DS_OK && f == PLOT_PDF, "pdf");
    CHECK(plot_format_of("x.jpg", &f, &err) == DS_EUSAGE, "jpg is a usage error");
    CHECK(strstr(err.msg, "x.jpg") != NULL, "message names the file: %s", err.msg);
}

TEST(test_plot_numbers_take_a_decimal_comma_in_french)
{
    char buf[32];
    plot_num(buf, sizeof buf, 0.0089259, 4, 1);
    CHECK_STR(buf, "0,008926");
    plot_num(buf, sizeof buf, 2.2293731, 4, 0);
    CHECK_STR(buf, "2.229");
    plot_num(buf, sizeof buf, -0.0, 3, 0);
    CHECK_STR(buf, "0");
}

TEST(test_plot_frame_maps_corners_to_pixels)
{
    plot_frame f = {0.1, 0.9, 0.2, 0.8, 0, 10, -1, 1, 1000, 500};
    CHECK_NEAR(plot_frame_px(&f, 0), 100, 1e-12);
    CHECK_NEAR(plot_frame_px(&f, 10), 900, 1e-12);
    CHECK_NEAR(plot_frame_py(&f, -1), 100, 1e-12);
    CHECK_NEAR(plot_frame_py(&f, 0), 250, 1e-12);
}

/* Reads back the `set label 'T' at X,Y left|center|right` lines and checks, with the
 * placement's own character width (0.7 em), that no two label boxes intersect and that
 * all stay inside the frame. */
TEST(test_plot_labels_never_overlap)
{
    plot_frame f = {0.1, 0.9, 0.1, 0.9, 0, 100, 0, 100, 1200, 800};
    /* Twelve points packed in a corner of the frame, long names. */
    double x[12], y[12];
    const char *text[12];
    size_t which[12];
    for (size_t i = 0; i < 12; i++) {
        x[i] = 50 + (double)(i % 4) * 1.5;
        y[i] = 50 + (double)(i / 4) * 2.0;
        text[i] = "Seine-Saint-Denis";
        which[i] = i;
    }
    plot_points pts = {12, x, y};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    size_t placed = plot_write_labels(fp, &f, &pts, 12, which, text, 14, NULL);
    fclose(fp);
    CHECK(placed >= 3 && placed < 12, "some placed, the rest left out: %zu", placed);
    double bx0[12], bx1[12], by[12];
    size_t n = 0;
    for (char *line = buf; line && *line && n < 12; line = strchr(line, '\n') + 1) {
        double lx, ly;
        char anchor[8];
        if (sscanf(line, "set label 'Seine-Saint-Denis' at %lf,%lf %7s", &lx, &ly, anchor) == 3) {
            double px = plot_frame_px(&f, lx), w = 0.7 * 14 * 17;
            bx0[n] = strcmp(anchor, "left") == 0 ? px : strcmp(anchor, "right") == 0 ? px - w
                                                                                     : px - w / 2;
            bx1[n] = bx0[n] + w;
            by[n] = plot_frame_py(&f, ly);
            CHECK(bx0[n] >= 120 - 1e-9 && bx1[n] <= 1080 + 1e-9, "label %zu inside", n);
            n++;
        }
        if (!strchr(line, '\n'))
            break;
    }
    CHECK(n == placed, "read %zu labels of %zu", n, placed);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int apart = bx1[i] <= bx0[j] || bx1[j] <= bx0[i] || fabs(by[i] - by[j]) >= 1.3 * 14;
            CHECK(apart, "labels %zu and %zu overlap", i, j);
        }
    free(buf);
}

/* Numbers in full, thousands grouped, one minus sign: no %g exponent ever. */
TEST(test_plot_fixed_groups_thousands_without_exponent)
{
    char buf[64];
    plot_fixed(buf, sizeof buf, 1e6, 0, 0);
    CHECK_STR(buf, "1,000,000");
    plot_fixed(buf, sizeof buf, 2500000, 0, 1);
    CHECK_STR(buf, "2\xE2\x80\xAF" "500\xE2\x80\xAF" "000"); /* U+202F, French */
    plot_fixed(buf, sizeof buf, -1234.5, 1, 1);
    CHECK_STR(buf, "\xE2\x88\x92" "1\xE2\x80\xAF" "234,5");
    plot_fixed(buf, sizeof buf, 999, 0, 0);
    CHECK_STR(buf, "999");
    plot_fixed(buf, sizeof buf, -0.0001, 2, 0);
    CHECK_STR(buf, "0.00"); /* no "−0.00" */
    plot_num(buf, sizeof buf, 1234567.0, 3, 0);
    CHECK_STR(buf, "1,234,567");
    plot_num(buf, sizeof buf, 0.000012345, 3, 0);
    CHECK_STR(buf, "0.0000123");
}

/* Ticks over a range that %g would write as 500000 and 1e+06 share one format. */
TEST(test_plot_ticks_are_round_and_share_decimals)
{
    plot_ticks t;
    plot_ticks_make(-120000, 2600000, 6, &t);
    CHECK(t.n == 6 && t.decimals == 0, "n %zu decimals %d", t.n, t.decimals);
    CHECK_NEAR(t.v[0], 0, 1e-12);
    CHECK_NEAR(t.v[1], 500000, 1e-12);
    CHECK_NEAR(t.v[5], 2500000, 1e-12);
    plot_ticks_make(0.81, 1.29, 5, &t); /* step 0.1: 0.9 … 1.2, one decimal each */
    CHECK(t.n == 4 && t.decimals == 1, "n %zu decimals %d", t.n, t.decimals);
    CHECK_NEAR(t.v[0], 0.9, 1e-12);
    plot_ticks_make(-3, 3, 6, &t);
    CHECK(t.n == 7 && t.v[3] == 0, "zero is exactly 0, not 1e-17: %g", t.v[3]);
}

/* Text breaks at blanks to fit a width; a word wider than the width stays whole. */
TEST(test_plot_wrap_breaks_at_blanks)
{
    size_t n;
    char **l = plot_wrap("GP consultations and visits per affiliate", 200, 16, &n);
    CHECK(n >= 2, "wrapped: %zu", n);
    for (size_t i = 0; i < n; i++)
        CHECK(plot_text_px(l[i], 16) <= 200 || !strchr(l[i], ' '), "line %zu fits: %s", i, l[i]);
    plot_lines_free(l, n);
    l = plot_wrap("one\ntwo three", 1000, 16, &n);
    CHECK(n == 2 && strcmp(l[0], "one") == 0 && strcmp(l[1], "two three") == 0, "hard break");
    plot_lines_free(l, n);
}

/* R 4.2: x <- c(3.1, 4.6, 2.2, 5.9, 3.3, 0.6, 4.4, 4.1, 3.8, 2.9, 3.0, 5.1)
 *   quantile(x, c(0, 0.2, 0.37, 0.5, 0.8, 1), type = 7)
 *   → 0.6 2.92 3.114 3.55 4.56 5.9
 *   ci <- classInt::classIntervals(x, 3, style = "jenks"); ci$brks; table(findCols(ci))
 *   → 0.6 0.6 3.8 5.9; counts 1 6 5 (0.6 alone; (0.6, 3.8]; (3.8, 5.9]) */
TEST(test_plot_classes_match_r)
{
    double x[] = {3.1, 4.6, 2.2, 5.9, 3.3, 0.6, 4.4, 4.1, 3.8, 2.9, 3.0, 5.1};
    double s[12];
    memcpy(s, x, sizeof s);
    for (size_t i = 1; i < 12; i++) /* insertion sort: the test's own */
        for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
            double t = s[j];
            s[j] = s[j - 1], s[j - 1] = t;
        }
    const double p[] = {0, 0.2, 0.37, 0.5, 0.8, 1}, want[] = {0.6, 2.92, 3.114, 3.55, 4.56, 5.9};
    for (size_t i = 0; i < 6; i++)
        CHECK_NEAR(plot_quantile7(s, 12, p[i]), want[i], 1e-14);
    plot_classes c;
    ds_err err;
    ds_err_clear(&err);
    CHECK(plot_classes_make("jenks:3", NULL, x, 12, &c, &err) == DS_OK, "%s", err.msg);
    CHECK(c.k == 3 && c.right_closed, "k %zu", c.k);
    CHECK_NEAR(c.brk[0], 0.6, 1e-15);
    CHECK_NEAR(c.brk[1], 0.6, 1e-15);
    CHECK_NEAR(c.brk[2], 3.8, 1e-15);
    CHECK_NEAR(c.brk[3], 5.9, 1e-15);
    CHECK(c.count[0] == 1 && c.count[1] == 6 && c.count[2] == 5, "counts %zu %zu %zu",
          c.count[0], c.count[1], c.count[2]);
    CHECK(plot_class_of(&c, 3.8) == 1 && plot_class_of(&c, 3.81) == 2, "right closed");
    CHECK(plot_classes_make("quantile:4", NULL, x, 12, &c, &err) == DS_OK, "%s", err.msg);
    CHECK(plot_class_of(&c, c.brk[1]) == 1 && plot_class_of(&c, 5.9) == 3, "left closed");
    CHECK(plot_classes_make("jenks:20", NULL, x, 12, &c, &err) == DS_EUSAGE, "K above 9");
}
