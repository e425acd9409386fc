#include "damirstat/json.h"

#include <math.h>
#include <string.h>

void json_number(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, "%.17g", v);
    else
        fputs("null", fp);
}

void json_string_n(FILE *fp, const char *s, size_t n)
{
    putc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + n; p < end; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", fp);
        else if (*p == '\r')
            fputs("\\r", fp);
        else if (*p == '\t')
            fputs("\\t", fp);
        else if (*p < 0x20)
            fprintf(fp, "\\u%04x", *p);
        else
            putc(*p, fp);
    }
    putc('"', fp);
}

void json_string(FILE *fp, const char *s)
{
    json_string_n(fp, s ? s : "", s ? strlen(s) : 0);
}

void json_member_number(FILE *fp, const char *key, double v, int comma)
{
    fprintf(fp, "\"%s\":", key);
    json_number(fp, v);
    if (comma)
        putc(',', fp);
}
