/* cli: the small pieces every subcommand's option parsing shares, so that each command
 * words usage errors the same way. All return DS_EUSAGE with a message naming the command. */
#ifndef DAMIRSTAT_CLI_H
#define DAMIRSTAT_CLI_H

#include "damirstat/err.h"

/* Error for an unknown option or one missing its value; arg is the argv word as typed
 * ("--foo=bar" is named "--foo"). Returns DS_EUSAGE. */
int cli_bad_option(const char *cmd, const char *arg, int missing_value, ds_err *err);

/* Parses a delimiter name: ",", ";", "tab" (or "\t"). */
int cli_parse_delim(const char *cmd, const char *s, char *delim, ds_err *err);

/* Parses a non-negative integer option value (no sign, no suffix). */
int cli_parse_count(const char *cmd, const char *option, const char *s, unsigned long long *v,
                    ds_err *err);

#endif
