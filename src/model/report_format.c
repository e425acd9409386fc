/* report_format: number formatting that R's print methods apply, shared by the text reports
 * of least-squares fits (report_text.c) and count models (report_glm.c). */
#include <math.h>

#include "report_impl.h"

/* Decimals R's print() gives a numeric vector at `digits` significant digits: each element
 * needs the fewest significant digits (at most `digits`) that show it rounded to `digits`,
 * trailing zeros dropped (-0.01670 needs 4 decimals, not 5); the vector takes the most. */
int report_print_decimals(const double *v, size_t n, int digits)
{
    int most = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]) || v[i] == 0)
            continue;
        int e = (int)floor(log10(fabs(v[i])));
        double want = round(v[i] * pow(10, digits - 1 - e));
        int sig = digits;
        while (sig > 1 && fmod(want, 10) == 0) {
            want /= 10;
            sig--;
        }
        int d = sig - 1 - e;
        most = d > most ? d : most;
    }
    return most;
}
