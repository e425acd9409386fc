/* pvalue: t and F tails through the regularised incomplete beta function I_x(a, b), computed
 * in long double by hand because no library we use gets the far tail right (GSL's t tail
 * loses up to 6e-10 relative; its gsl_sf_beta_inc works in double, 1e-13 at 1,000 df).
 *
 *   I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1 / (1 + d_1 / (1 + d_2 / (1 + …)))
 *   d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
 *   d_{2m}   =  m (b − m) x / ((a + 2m − 1)(a + 2m))              (DLMF 8.17.22)
 *
 * evaluated by the modified Lentz method where it converges fast, x < (a + 1)/(a + b + 2),
 * and through I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere; 1 − x is always passed exactly (as
 * t² / (df + t²)), never formed by subtraction. log B(a, b) uses Stirling's series once an
 * argument reaches 10 (DLMF 5.11.1), where lgamma differences would cancel. */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "damirstat/pvalue.h"

#define LOG_SQRT_2PI 0.918938533204672741780329736405617639861L

/* δ(x) = log Γ(x) − ((x − ½) log x − x + ½ log 2π), x >= 10: the first seven terms of
 * Stirling's series; the eighth is below 3e-17 there. */
static long double stirling_delta(long double x)
{
    static const long double c[] = {1.0L / 12, -1.0L / 360, 1.0L / 1260, -1.0L / 1680,
                                    1.0L / 1188, -691.0L / 360360, 1.0L / 156};
    long double x2 = 1 / (x * x), term = 1 / x, s = 0;
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        s += c[k] * term;
        term *= x2;
    }
    return s;
}

/* log Γ(a) − log Γ(a + b) for a >= 10. */
static long double lgamma_ratio(long double a, long double b)
{
    return -(a - 0.5L) * log1pl(b / a) - b * logl(a + b) + b + stirling_delta(a) -
           stirling_delta(a + b);
}

static long double log_beta(long double a, long double b)
{
    if (a < b) {
        long double t = a;
        a = b;
        b = t;
    }
    if (a < 10) /* both small: lgammal is accurate to a few ulp of values below 13 */
        return lgammal(a) + lgammal(b) - lgammal(a + b);
    if (b < 10)
        return lgammal(b) + lgamma_ratio(a, b);
    /* both large: Γ(b)'s Stirling form written out, its ½ log 2π and δ(b) kept */
    return lgamma_ratio(a, b) + (b - 0.5L) * logl(b) - b + LOG_SQRT_2PI + stirling_delta(b);
}

/* The continued fraction 1 / (1 + d_1 / (1 + …)) by the modified Lentz method. */
static long double beta_cf(long double a, long double b, long double x)
{
    const long double tiny = 1e-4000L, eps = 1e-19L;
    long double f = 1, c = 1, d = 0;
    for (int i = 1; i <= 200000; i++) {
        int m = i / 2;
        long double num = i % 2 ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                                : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        d = 1 + num * d;
        d = fabsl(d) < tiny ? tiny : d;
        c = 1 + num / c;
        c = fabsl(c) < tiny ? tiny : c;
        d = 1 / d;
        long double delta = c * d;
        f *= delta;
        if (fabsl(delta - 1) < eps)
            break;
    }
    return 1 / f;
}

/* I_x(a, b) with y = 1 − x given exactly; upper = 1 gives 1 − I_x(a, b) instead. */
static long double beta_reg(long double a, long double b, long double x, long double y, int upper)
{
    if (x <= 0)
        return upper ? 1 : 0;
    if (y <= 0)
        return upper ? 0 : 1;
    if (x > (a + 1) / (a + b + 2))
        return beta_reg(b, a, y, x, !upper);
    long double lx = x < 0.5L ? logl(x) : log1pl(-y), ly = y < 0.5L ? logl(y) : log1pl(-x);
    long double v = expl(a * lx + b * ly - log_beta(a, b) - logl(a)) * beta_cf(a, b, x);
    return upper ? 1 - v : v;
}

double pvalue_t_upper(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0))
        return NAN;
    if (isinf(t))
        return t > 0 ? 0 : 1;
    long double tt = (long double)t * t, n = df;
    long double half = beta_reg(n / 2, 0.5L, n / (n + tt), tt / (n + tt), 0) / 2;
    return (double)(t > 0 ? half : 1 - half);
}

double pvalue_t_two_sided(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0))
        return NAN;
    if (isinf(t))
        return 0;
    long double tt = (long double)t * t, n = df;
    return (double)beta_reg(n / 2, 0.5L, n / (n + tt), tt / (n + tt), 0);
}

double pvalue_f_upper(double f, double df1, double df2)
{
    if (isnan(f) || !(df1 > 0) || !(df2 > 0))
        return NAN;
    if (f <= 0)
        return 1;
    if (isinf(f))
        return 0;
    long double u = (long double)df1 * f, d2 = df2;
    return (double)beta_reg(d2 / 2, (long double)df1 / 2, d2 / (d2 + u), u / (d2 + u), 0);
}

double pvalue_chisq_upper(double x, double df)
{
    if (isnan(x) || !(df > 0))
        return NAN;
    if (x <= 0)
        return 1;
    gsl_sf_result r;
    return gsl_sf_gamma_inc_Q_e(df / 2, x / 2, &r) ? NAN : r.val;
}

double pvalue_normal_two_sided(double z)
{
    if (isnan(z))
        return NAN;
    return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

int pvalue_format(double p, int digits, char *buf, size_t size)
{
    if (isnan(p))
        return snprintf(buf, size, "NA");
    if (p < 1e-300)
        return snprintf(buf, size, "< 1e-300");
    return snprintf(buf, size, "%.*g", digits, p);
}

const char *pvalue_text_r(double p, int digits, char *buf, size_t size)
{
    if (isnan(p))
        snprintf(buf, size, "NA");
    else if (p < 2.220446e-16)
        snprintf(buf, size, "< 2.2e-16");
    else
        snprintf(buf, size, "%.*g", digits, p);
    return buf;
}
