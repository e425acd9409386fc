/* json: the one writer of damirstat's JSON — the aggregate, fit, correlation and Moran
 * objects, a study's results.json, the table summary — so that nesting, commas, escaping
 * and numbers are done in one place. The objects themselves are documented field by field
 * in docs/json.md.
 *
 * Numbers carry 17 significant digits (they read back to the same double); JSON has no NaN
 * or infinity, so those are written null. Strings are quoted and escaped: valid UTF-8
 * passes through, control characters are escaped, and a byte that is not part of valid
 * UTF-8 (a Latin-1 code in a DAMIR file) is written \ufffd, as Python's errors="replace"
 * and jq do, so that the output stays valid JSON (RFC 8259).
 *
 * Each container is opened in a style: compact ({"a":1,"b":[2,3]}), inline ({"a": 1,
 * "b": [2, 3]}) or lines (a member per line, two spaces of indent a level, "key": value).
 * A container is never looser than the one it sits in (lines inside inline is inline,
 * anything inside compact is compact), so an object its writer opens compact reads the
 * same, byte for byte, at the top of `fit --format json` and deep inside results.json.
 * Misuse (a value where a key is due, closing what is not open, nesting deeper than
 * JSON_MAX_DEPTH) is a bug and asserts. */
#ifndef DAMIRSTAT_JSON_H
#define DAMIRSTAT_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum json_style { JSON_COMPACT, JSON_INLINE, JSON_LINES } json_style;

#define JSON_MAX_DEPTH 16

/* Plain data so that it lives on the caller's stack; only json.c touches the fields. */
typedef struct json_w {
    FILE *fp;
    int depth;     /* open containers */
    int want_value; /* a key was written: the next call writes its value */
    struct {
        char close;      /* '}' or ']' */
        json_style style;
        int members;     /* values written in it so far */
    } open[JSON_MAX_DEPTH];
} json_w;

/* A writer of one JSON value (usually an object) to fp. */
void json_init(json_w *w, FILE *fp);

/* Opens an object or an array as the next value; json_end closes the innermost one. */
void json_object(json_w *w, json_style style);
void json_array(json_w *w, json_style style);
void json_end(json_w *w);

/* The key of the next member of the open object. */
void json_key(json_w *w, const char *key);

/* Values: a member's (after json_key) or an array's next element. */
void json_num(json_w *w, double v);          /* %.17g, null for NaN or infinity */
void json_uint(json_w *w, uint64_t v);
void json_int(json_w *w, int64_t v);
void json_str(json_w *w, const char *s);     /* NULL is written null */
void json_str_n(json_w *w, const char *s, size_t n);
void json_bool(json_w *w, int b);
void json_null(json_w *w);
/* A number already written as JSON text, such as an exact decimal of cents ("-0.57"). */
void json_raw(json_w *w, const char *text);

/* json_key followed by the value, for the common members. */
void json_member_num(json_w *w, const char *key, double v);
void json_member_uint(json_w *w, const char *key, uint64_t v);
void json_member_int(json_w *w, const char *key, int64_t v);
void json_member_str(json_w *w, const char *key, const char *s);
void json_member_bool(json_w *w, const char *key, int b);

#endif
