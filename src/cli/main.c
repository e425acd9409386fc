/* damirstat: parses the command name and dispatches; every subcommand lives in cmd_*.c. */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/aggcmd.h"
#include "damirstat/cli.h"
#include "damirstat/suggest.h"
#include "cmd_impl.h"
#include "damirstat/version.h"

struct command {
    int (*run)(int argc, char **argv, ds_err *err);
    const cli_cmd *cli; /* name, summary, options and help */
};

static const struct command commands[] = {
    {cmd_table, &cmd_table_cli}, {cmd_aggregate, &aggcmd_cli}, {cmd_merge, &cmd_merge_cli},
    {cmd_gen, &cmd_gen_cli},     {cmd_join, &cmd_join_cli},    {cmd_derive, &cmd_derive_cli},
    {cmd_fit, &cmd_fit_cli},     {cmd_corr, &cmd_corr_cli},    {cmd_moran, &cmd_moran_cli},
    {cmd_plot, &cmd_plot_cli},   {cmd_run, &cmd_run_cli},      {cmd_models, &cmd_models_cli},
    {cmd_standardize, &cmd_standardize_cli},
};

enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: damirstat COMMAND [OPTIONS] [FILE...]\n"
            "       damirstat COMMAND --help\n"
            "       damirstat --help | --version | --man | --completion bash|zsh\n"
            "\n"
            "Turns Open DAMIR health-insurance spending files into per-department evidence.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].cli->name, commands[i].cli->summary);
    fprintf(fp,
            "\n"
            "Files: '-' is standard input; results go to stdout, diagnostics to stderr.\n"
            "Every command takes -h/--help and --version; -o/--output, --format, -d/--delimiter\n"
            "(input), -q/--quiet and --skip N mean the same wherever they appear.\n"
            "\n"
            "Exit status:\n"
            "  0  success\n"
            "  1  bad data (file:line:column: what was expected) or a failed fit\n"
            "  2  usage error (unknown command or option, bad option value, a syntax error\n"
            "     in --where, a formula or a derive expression)\n"
            "  3  I/O or system error (unreadable or unwritable file, out of memory)\n");
}

/* stdout is checked at exit, so a full disk or a closed pipe is an error, not a silent
 * truncation (datamash, jq). */
static int close_stdout(int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        /* errno is the flush's when it failed; an earlier failed write left only the flag */
        int e = errno;
        if (e)
            fprintf(stderr, "damirstat: stdout: write error: %s\n", strerror(e));
        else
            fprintf(stderr, "damirstat: stdout: write error\n");
        return status ? status : DS_EXIT_IO;
    }
    return status;
}

/* --man and --completion SHELL: the manual page and the completion scripts, from the same
 * option tables as every --help (make install writes and installs them). */
static int generated(int argc, char **argv)
{
    const cli_cmd *cmds[NCOMMANDS];
    for (size_t i = 0; i < NCOMMANDS; i++)
        cmds[i] = commands[i].cli;
    if (strcmp(argv[1], "--completion") == 0) {
        if (argc == 3 && cli_completion(stdout, argv[2], cmds, NCOMMANDS) == DS_OK)
            return close_stdout(DS_EXIT_OK);
        fprintf(stderr, "damirstat: --completion expects bash or zsh\n");
        return DS_EXIT_USAGE;
    }
    char *overview = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&overview, &len);
    if (!mem)
        return DS_EXIT_IO;
    usage(mem);
    fclose(mem);
    cli_man(stdout, cmds, NCOMMANDS, overview);
    free(overview);
    return close_stdout(DS_EXIT_OK);
}

/* "did you mean" for a mistyped command (damirstat agregate). */
static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].cli->name;
    const char *near = suggest_near(name, names, NCOMMANDS);
    if (near)
        fprintf(stderr, "damirstat: unknown command '%s': did you mean %s? (see damirstat "
                "--help)\n", name, near);
    else
        fprintf(stderr, "damirstat: unknown command '%s' (see damirstat --help)\n", name);
    return DS_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return DS_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return close_stdout(DS_EXIT_OK);
    }
    if (strcmp(name, "--man") == 0 || strcmp(name, "--completion") == 0)
        return generated(argc, argv);
    if (strcmp(name, "--version") == 0) {
        printf("damirstat %s\n", DAMIRSTAT_VERSION);
        return close_stdout(DS_EXIT_OK);
    }
    /* GSL's default handler aborts; every GSL status is checked by the modules instead. */
    gsl_set_error_handler_off();
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(name, commands[i].cli->name) != 0)
            continue;
        ds_err err;
        ds_err_clear(&err);
        int rc = commands[i].run(argc - 1, argv + 1, &err);
        if (rc != DS_OK)
            fprintf(stderr, "damirstat: %s\n", err.msg[0] ? err.msg : "failed");
        return close_stdout(ds_exit_status(rc));
    }
    return unknown_command(name);
}
