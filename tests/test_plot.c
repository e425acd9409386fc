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
