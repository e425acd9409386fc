/* adjust: p.adjust's methods against R 4.2.2. */
#include <math.h>

#include "damirstat/adjust.h"
#include "t.h"

/* R: p <- c(0.01, 0.04, 0.03, 0.005, NA, 0.2, 0.04, 0.9, 0.0001); p.adjust(p, method) */
TEST(test_adjust_matches_p_adjust)
{
    static const double p[9] = {0.01, 0.04, 0.03, 0.005, NAN, 0.2, 0.04, 0.9, 0.0001};
    static const double want[5][9] = {
        {0.08, 0.32, 0.24, 0.04, NAN, 1, 0.32, 1, 0.0008},
        {0.06, 0.16, 0.15, 0.035, NAN, 0.4, 0.16, 0.9, 0.0008},
        {0.06, 0.12, 0.12, 0.035, NAN, 0.4, 0.12, 0.9, 0.0008},
        {0.0266666666666667, 0.0533333333333333, 0.0533333333333333, 0.02, NAN,
         0.228571428571429, 0.0533333333333333, 0.9, 0.0008},
        {0.0724761904761905, 0.144952380952381, 0.144952380952381, 0.0543571428571429, NAN,
         0.621224489795918, 0.144952380952381, 1, 0.00217428571428571}};
    static const char *const names[5] = {"bonferroni", "holm", "hochberg", "BH", "BY"};
    for (int m = 0; m < 5; m++) {
        adjust_method method;
        CHECK(adjust_parse(names[m], &method) == 0, "%s", names[m]);
        double out[9];
        adjust_p(method, p, 9, out);
        for (int i = 0; i < 9; i++)
            CHECK(isnan(want[m][i]) ? isnan(out[i]) : fabs(out[i] - want[m][i]) <= 1e-14,
                  "%s p[%d] = %.17g, want %.17g", names[m], i, out[i], want[m][i]);
    }
    adjust_method m;
    CHECK(adjust_parse("fdr", &m) == 0 && m == ADJUST_BH, "fdr is BH");
    CHECK(adjust_parse("sidak", &m) == -1, "unknown method accepted");
    double one = 0.03;
    adjust_p(ADJUST_BONFERRONI, &one, 1, &one);
    CHECK(one == 0.03, "a single test is not adjusted (p.adjust, n = 1)");
}
