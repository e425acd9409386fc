/* Fuzzes the study-file parser: the bytes are a .study file (parsed, not run).
 *
 * Invariants checked: a bad file is DS_EDATA whose message starts with the file's name (the
 * `FILE:LINE: message` of study.h), and never another code: a buffer involves no I/O. */
#include "fuzz.h"

#include <string.h>

#include "damirstat/study.h"

int fuzz_study(const uint8_t *data, size_t size)
{
    ds_err err;
    ds_err_clear(&err);
    study_t *s = NULL;
    int rc = study_parse("fuzz.study", (const char *)data, size, "/nonexistent", &s, &err);
    if (rc < 0 && (err.code != rc || err.msg[0] == '\0'))
        fuzz_fail("study: an error without its code or message");
    if (rc < 0 && rc != DS_EDATA && rc != DS_EUSAGE)
        fuzz_fail("study: parsing a buffer failed with an I/O error");
    if (rc == DS_EDATA && strncmp(err.msg, "fuzz.study:", 11) != 0)
        fuzz_fail("study: a parse error that does not name the file");
    study_free(s);
    return 0;
}
