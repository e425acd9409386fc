/* damirstat: parses the command name and dispatches; every subcommand lives in cmd_*.c. */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/cmd.h"
#include "damirstat/version.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv, ds_err *err);
    const char *summary;
};

static const struct command commands[] = {
    {"table", cmd_table, "describe a reference table: columns, types, missing values, ranges"},
    {"aggregate", cmd_aggregate, "stream Open DAMIR files into exact per-group sums and counts"},
    {"merge", cmd_merge, "combine partial aggregates of the same query into the final table"},
    {"gen", cmd_gen, "write DAMIR-shaped data with known, planted effects"},
    {"join", cmd_join, "join two tables on department or region keys"},
    {"derive", cmd_derive, "add computed columns to a table"},
    {"fit", cmd_fit, "fit a linear model (R formula) with GSL"},
    {"corr", cmd_corr, "Pearson, Spearman and Kendall correlation with intervals"},
    {"moran", cmd_moran, "Moran's I of a department variable"},
    {"plot", cmd_plot, "figures through gnuplot: scatter with fit, residual panels, map"},
    {"run", cmd_run, "run a study file: data to report.md, results.json and figures"},
};

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: damirstat COMMAND [OPTIONS] [FILE...]\n"
            "       damirstat COMMAND --help\n"
            "       damirstat --help | --version\n"
            "\n"
            "Turns Open DAMIR health-insurance spending files into per-department evidence.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp,
            "\n"
            "Files: '-' is standard input; results go to stdout, diagnostics to stderr.\n"
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
    if (strcmp(name, "--version") == 0) {
        printf("damirstat %s\n", DAMIRSTAT_VERSION);
        return close_stdout(DS_EXIT_OK);
    }
    /* GSL's default handler aborts; every GSL status is checked by the modules instead. */
    gsl_set_error_handler_off();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(name, commands[i].name) != 0)
            continue;
        ds_err err;
        ds_err_clear(&err);
        int rc = commands[i].run(argc - 1, argv + 1, &err);
        if (rc != DS_OK)
            fprintf(stderr, "damirstat: %s\n", err.msg[0] ? err.msg : "failed");
        return close_stdout(ds_exit_status(rc));
    }
    fprintf(stderr, "damirstat: unknown command '%s' (see damirstat --help)\n", name);
    return DS_EXIT_USAGE;
}
