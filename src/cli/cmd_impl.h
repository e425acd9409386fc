/* cmd: the subcommands. Each src/cli/cmd_NAME.c holds one: it parses its options, calls the
 * modules and prints results on stdout. It returns DS_OK or a DS_E* code with err filled;
 * main prints the message and maps the code to the exit status. `CMD --help` prints the
 * command's help on stdout and returns DS_OK. argv[0] is the command name.
 *
 * cmd_NAME_cli is the command's option table, summary, help and examples (cli.h): main
 * lists the commands from it, and the man page is generated from the helps. */
#ifndef DAMIRSTAT_CMD_IMPL_H
#define DAMIRSTAT_CMD_IMPL_H

#include "damirstat/cli.h"
#include "damirstat/err.h"

int cmd_table(int argc, char **argv, ds_err *err);
int cmd_aggregate(int argc, char **argv, ds_err *err); /* options: aggcmd_cli (aggcmd.h) */
int cmd_merge(int argc, char **argv, ds_err *err);
int cmd_gen(int argc, char **argv, ds_err *err);
int cmd_join(int argc, char **argv, ds_err *err);
int cmd_derive(int argc, char **argv, ds_err *err);
int cmd_fit(int argc, char **argv, ds_err *err);
int cmd_corr(int argc, char **argv, ds_err *err);
int cmd_moran(int argc, char **argv, ds_err *err);
int cmd_plot(int argc, char **argv, ds_err *err);
int cmd_run(int argc, char **argv, ds_err *err);
int cmd_models(int argc, char **argv, ds_err *err);
int cmd_standardize(int argc, char **argv, ds_err *err);

extern const cli_cmd cmd_table_cli, cmd_merge_cli, cmd_gen_cli, cmd_join_cli, cmd_derive_cli,
    cmd_fit_cli, cmd_corr_cli, cmd_moran_cli, cmd_plot_cli, cmd_run_cli, cmd_models_cli,
    cmd_standardize_cli;

#endif
