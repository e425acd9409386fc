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

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF), or 0 when the bytes there are not one. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
    if (*p < 0xC2 || *p > 0xF4 || (size_t)(end - p) < len)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] >= 0xA0) ||
        (*p == 0xF0 && p[1] < 0x90) || (*p == 0xF4 && p[1] >= 0x90))
        return 0;
    return len;
}

void json_string_n(FILE *fp, const char *s, size_t n)
{
    putc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + n; p < end; p++) {
        if (*p >= 0x80) {
            /* JSON text is UTF-8 (RFC 8259): a stray byte (a Latin-1 code, say) becomes
             * U+FFFD, as Python's errors="replace" and jq do, rather than break the file. */
            size_t len = utf8_len(p, end);
            if (len == 0)
                fputs("\\ufffd", fp);
            else
                fwrite(p, 1, len, fp);
            p += len ? len - 1 : 0;
        } else if (*p == '"' || *p == '\\')
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
