#include "damirstat/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_bad_option(const char *cmd, const char *arg, int missing_value, ds_err *err)
{
    size_t n = strcspn(arg, "=");
    if (missing_value)
        return ds_err_set(err, DS_EUSAGE, "%s: option '%.*s' needs a value", cmd, (int)n, arg);
    return ds_err_set(err, DS_EUSAGE, "%s: unknown option '%.*s'", cmd, (int)n, arg);
}

int cli_parse_delim(const char *cmd, const char *s, char *delim, ds_err *err)
{
    if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "\t") == 0)
        *delim = s[0];
    else if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        *delim = '\t';
    else
        return ds_err_set(err, DS_EUSAGE, "%s: --delim expects ',', ';' or 'tab', got '%s'", cmd, s);
    return DS_OK;
}

int cli_parse_count(const char *cmd, const char *option, const char *s, unsigned long long *v,
                    ds_err *err)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || s[0] == '+' || errno == ERANGE)
        return ds_err_set(err, DS_EUSAGE, "%s: %s expects a whole number, got '%s'", cmd, option, s);
    *v = x;
    return DS_OK;
}
