/* JSON strings: escapes, and bytes that are not UTF-8 (a Latin-1 code in a DAMIR file) made
 * U+FFFD so that the output stays valid JSON. Expected texts follow RFC 8259 and RFC 3629. */
#include "damirstat/json.h"

#include <stdlib.h>
#include <string.h>

#include "t.h"

static char *as_json(const char *s, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    json_string_n(fp, s, n);
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
