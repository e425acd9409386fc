/* json: the writer. Written by hand: it is a hundred lines, and the JSON libraries we could
 * take (jansson, cJSON) build a tree in memory first, then print numbers with their own
 * precision rules; damirstat streams and needs 17 digits and null for NaN. */
#include "damirstat/json.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

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

static void put_string(FILE *fp, const char *s, size_t n)
{
    putc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + n; p < end; p++) {
        if (*p >= 0x80) {
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

void json_init(json_w *w, FILE *fp)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
}

static void new_line(json_w *w, int depth)
{
    putc('\n', w->fp);
    for (int i = 0; i < depth; i++)
        fputs("  ", w->fp);
}

/* The comma and line break due before the next key or element of the open container. */
static void before_item(json_w *w)
{
    if (w->depth == 0)
        return;
    json_style style = w->open[w->depth - 1].style;
    if (w->open[w->depth - 1].members++)
        fputs(style == JSON_INLINE ? ", " : ",", w->fp);
    if (style == JSON_LINES)
        new_line(w, w->depth);
}

static void begin_value(json_w *w)
{
    if (w->want_value) {
        w->want_value = 0;
        return;
    }
    assert(w->depth == 0 || w->open[w->depth - 1].close == ']'); /* a key is due */
    before_item(w);
}

void json_key(json_w *w, const char *key)
{
    assert(w->depth > 0 && w->open[w->depth - 1].close == '}' && !w->want_value);
    before_item(w);
    put_string(w->fp, key, strlen(key));
    fputs(w->open[w->depth - 1].style == JSON_COMPACT ? ":" : ": ", w->fp);
    w->want_value = 1;
}

static void open_container(json_w *w, char open, char close, json_style style)
{
    begin_value(w);
    assert(w->depth < JSON_MAX_DEPTH);
    if (w->depth > 0 && w->open[w->depth - 1].style < style)
        style = w->open[w->depth - 1].style;
    putc(open, w->fp);
    w->open[w->depth].close = close;
    w->open[w->depth].style = style;
    w->open[w->depth].members = 0;
    w->depth++;
}

void json_object(json_w *w, json_style style)
{
    open_container(w, '{', '}', style);
}

void json_array(json_w *w, json_style style)
{
    open_container(w, '[', ']', style);
}

void json_end(json_w *w)
{
    assert(w->depth > 0 && !w->want_value);
    w->depth--;
    if (w->open[w->depth].style == JSON_LINES && w->open[w->depth].members)
        new_line(w, w->depth);
    putc(w->open[w->depth].close, w->fp);
}

void json_num(json_w *w, double v)
{
    begin_value(w);
    if (isfinite(v))
        fprintf(w->fp, "%.17g", v);
    else
        fputs("null", w->fp);
}

void json_uint(json_w *w, uint64_t v)
{
    begin_value(w);
    fprintf(w->fp, "%" PRIu64, v);
}

void json_int(json_w *w, int64_t v)
{
    begin_value(w);
    fprintf(w->fp, "%" PRId64, v);
}

void json_str_n(json_w *w, const char *s, size_t n)
{
    begin_value(w);
    put_string(w->fp, s, n);
}

void json_str(json_w *w, const char *s)
{
    if (!s)
        json_null(w);
    else
        json_str_n(w, s, strlen(s));
}

void json_bool(json_w *w, int b)
{
    begin_value(w);
    fputs(b ? "true" : "false", w->fp);
}

void json_null(json_w *w)
{
    begin_value(w);
    fputs("null", w->fp);
}

void json_raw(json_w *w, const char *text)
{
    begin_value(w);
    fputs(text, w->fp);
}

void json_member_num(json_w *w, const char *key, double v)
{
    json_key(w, key);
    json_num(w, v);
}

void json_member_uint(json_w *w, const char *key, uint64_t v)
{
    json_key(w, key);
    json_uint(w, v);
}

void json_member_int(json_w *w, const char *key, int64_t v)
{
    json_key(w, key);
    json_int(w, v);
}

void json_member_str(json_w *w, const char *key, const char *s)
{
    json_key(w, key);
    json_str(w, s);
}

void json_member_bool(json_w *w, const char *key, int b)
{
    json_key(w, key);
    json_bool(w, b);
}
