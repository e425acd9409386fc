/* The JSON writer. Strings: escapes, and bytes that are not UTF-8 (a Latin-1 code in a DAMIR
 * file) made U+FFFD so that the output stays valid JSON; expected texts follow RFC 8259 and
 * RFC 3629. Containers: commas, nesting and the three styles, expected texts written out by
 * hand. Numbers: 17 significant digits (C's %.17g, the shortest width that reads back to
 * every double, IEEE 754-2008 5.12.2), null for NaN and infinities (RFC 8259 has neither). */
#include "damirstat/json.h"

#include <stdlib.h>
#include <string.h>

#include "t.h"

/* A writer into memory: *buf holds the text once fp is closed (caller frees). */
static FILE *mem_writer(json_w *w, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *fp = open_memstream(buf, len);
    json_init(w, fp);
    return fp;
}

static char *as_json(const char *s, size_t n)
{
    char *buf;
    size_t len;
    json_w w;
    FILE *fp = mem_writer(&w, &buf, &len);
    json_str_n(&w, s, n);
    fclose(fp);
    return buf;
}

TEST(test_json_string_escapes_and_utf8)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"a\"b\\c\n\t", "\"a\\\"b\\\\c\\n\\t\""},
        {"\x01", "\"\\u0001\""},
        {"C\xc3\xb4te-d'Or", "\"C\xc3\xb4te-d'Or\""},           /* valid 2-byte UTF-8 */
        {"\xe2\x80\xaf", "\"\xe2\x80\xaf\""},                   /* narrow no-break space */
        {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},           /* 4-byte sequence */
        {"C\xf4te", "\"C\\ufffdte\""},                          /* Latin-1 o-circumflex */
        {"\xc0\xaf", "\"\\ufffd\\ufffd\""},                     /* overlong '/' */
        {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},          /* a surrogate */
        {"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""}, /* past U+10FFFF */
        {"\xe2\x80", "\"\\ufffd\\ufffd\""},                     /* cut at the end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = as_json(cases[i].in, strlen(cases[i].in));
        CHECK_STR(got, cases[i].want);
        free(got);
    }
}

/* A document written in the three styles, nested: the inner containers take the tighter of
 * their own style and their parent's. */
TEST(test_json_writer_styles_nest_and_separate)
{
    char *buf;
    size_t len;
    json_w w;
    FILE *fp = mem_writer(&w, &buf, &len);
    json_object(&w, JSON_LINES);
    json_member_str(&w, "s", "a\"b");
    json_key(&w, "inline");
    json_array(&w, JSON_INLINE);
    json_uint(&w, 1);
    json_int(&w, -2);
    json_object(&w, JSON_LINES); /* inside inline: inline */
    json_member_bool(&w, "t", 1);
    json_member_str(&w, "n", NULL);
    json_end(&w);
    json_end(&w);
    json_key(&w, "compact");
    json_object(&w, JSON_COMPACT);
    json_key(&w, "a");
    json_array(&w, JSON_INLINE); /* inside compact: compact */
    json_raw(&w, "0.57");
    json_num(&w, 0.1);
    json_end(&w);
    json_key(&w, "e");
    json_array(&w, JSON_COMPACT);
    json_end(&w);
    json_end(&w);
    json_key(&w, "empty");
    json_object(&w, JSON_LINES);
    json_end(&w);
    json_end(&w);
    fclose(fp);
    CHECK_STR(buf, "{\n"
                   "  \"s\": \"a\\\"b\",\n"
                   "  \"inline\": [1, -2, {\"t\": true, \"n\": null}],\n"
                   "  \"compact\": {\"a\":[0.57,0.10000000000000001],\"e\":[]},\n"
                   "  \"empty\": {}\n"
                   "}");
    free(buf);
}

TEST(test_json_numbers_17_digits_and_null)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.1, "0.10000000000000001"},       /* the double nearest 0.1, read back exactly */
        {1e300, "1.0000000000000001e+300"},
        {-2.5, "-2.5"},
        {123456789012, "123456789012"},
        {NAN, "null"},
        {INFINITY, "null"},
        {-INFINITY, "null"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *buf;
        size_t len;
        json_w w;
        FILE *fp = mem_writer(&w, &buf, &len);
        json_array(&w, JSON_COMPACT);
        json_num(&w, cases[i].v);
        json_end(&w);
        fclose(fp);
        char want[64];
        snprintf(want, sizeof want, "[%s]", cases[i].want);
        CHECK_STR(buf, want);
        free(buf);
    }
}
