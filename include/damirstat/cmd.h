/* cmd: the subcommands. Each src/cli/cmd_NAME.c holds one: it parses its options, calls the
 * modules and prints results on stdout. It returns DS_OK or a DS_E* code with err filled;
 * main prints the message and maps the code to the exit status. `CMD --help` prints the
 * command's help on stdout and returns DS_OK. argv[0] is the command name. */
#ifndef DAMIRSTAT_CMD_H
#define DAMIRSTAT_CMD_H

#include "damirstat/err.h"

int cmd_table(int argc, char **argv, ds_err *err);
int cmd_aggregate(int argc, char **argv, ds_err *err);
int cmd_merge(int argc, char **argv, ds_err *err);
int cmd_gen(int argc, char **argv, ds_err *err);
int cmd_join(int argc, char **argv, ds_err *err);
int cmd_derive(int argc, char **argv, ds_err *err);
int cmd_fit(int argc, char **argv, ds_err *err);
int cmd_corr(int argc, char **argv, ds_err *err);
int cmd_moran(int argc, char **argv, ds_err *err);
int cmd_plot(int argc, char **argv, ds_err *err);
int cmd_run(int argc, char **argv, ds_err *err);

#endif
