/* cli_impl: what cli.c (parsing) and cli_help.c (help, suggestions) share. */
#ifndef DAMIRSTAT_CLI_IMPL_H
#define DAMIRSTAT_CLI_IMPL_H

#include "damirstat/cli.h"

/* Ids of the options every command has; commands number theirs from 0. */
enum { CLI_ID_HELP = -1000, CLI_ID_VERSION = -1001 };

/* -h/--help and --version, ended by a NULL name. */
extern const cli_opt cli_builtin_opts[];

/* The i-th option of cmd's table, then the built-ins; NULL past the end. */
const cli_opt *cli_opt_at(const cli_cmd *cmd, size_t i);

#endif
