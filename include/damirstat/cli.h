/* cli: the option parser and help printer every command uses, so that one option is spelled,
 * parsed, documented and refused the same way everywhere.
 *
 * A command declares its options in a table (cli_opt: long name, short letter, value
 * placeholder, id, help) inside a cli_cmd that also holds its summary, usage, description
 * and examples: `damirstat CMD --help`, `damirstat --help` and the man page all come from
 * there. cli_parse walks argv and hands each option's id and value to the command's set
 * function; -h/--help and --version belong to every command without being listed. Usage
 * errors return DS_EUSAGE with a message naming the command ("did you mean" included). */
#ifndef DAMIRSTAT_CLI_H
#define DAMIRSTAT_CLI_H

#include <stdio.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

typedef struct cli_opt {
    const char *name;    /* long name without the dashes ("output"); NULL ends a table */
    char letter;         /* short form ('o' for -o), or 0 */
    const char *arg;     /* placeholder of the value ("FILE"); NULL for a flag */
    int id;              /* handed to the command's set function */
    const char *help;    /* for --help, wrapped at 80 columns; '\n' starts a new line */
    const char *instead; /* an old spelling: what to write instead ("--format json"); it
                            works, prints a deprecation note and is left out of --help */
} cli_opt;

typedef struct cli_cmd {
    const char *name;     /* as typed after damirstat ("join") */
    const char *summary;  /* one line, the NAME line of --help and of damirstat --help */
    const char *usage;    /* synopsis after "damirstat NAME ", one line a form; a line that
                             starts with a space continues the form above */
    const char *about;    /* plain text between the usage and the options */
    const cli_opt *opts;  /* the options, ended by an entry whose name is NULL */
    const char *examples; /* shell lines, printed indented under "Examples:" */
    /* Sets option id; value is NULL for a flag. Returns DS_OK or DS_EUSAGE with err set. */
    int (*set)(void *ctx, int id, const char *value, ds_err *err);
    /* For the completions, or NULL: value i (0, 1, …) of the option named option, or of
     * the first word after the command when option is NULL; NULL past the last. For a
     * closed set the code holds in a table rather than in the option's placeholder. */
    const char *(*complete)(const char *option, size_t i);
} cli_cmd;

/* Positive returns of cli_parse: the command prints (cli_finish) and stops. */
enum { CLI_HELP = 1, CLI_VERSION = 2 };

/* The usual wording of options shared by several commands (the CLI tests check that every
 * command's --help says them alike). */
#define CLI_OPT_OUTPUT(id)                                                                \
    {"output", 'o', "FILE", (id), "write to FILE instead of stdout; the file appears "    \
     "whole or not at all", NULL}
#define CLI_OPT_QUIET(id)                                                                 \
    {"quiet", 'q', NULL, (id), "no progress, notes or warnings on stderr (errors still " \
     "print)", NULL}
#define CLI_OPT_DELIMITER(id)                                                             \
    {"delimiter", 'd', "C", (id), "input delimiter: ',', ';' or 'tab' (default: the "   \
     "most frequent on the header line)", NULL}
#define CLI_OPT_SKIP(id)                                                                  \
    {"skip", 0, "N", (id), "drop N title lines before the header (lines starting with " \
     "'#' before the header are always dropped)", NULL}

/* Parses argv[1..argc-1] (argv[0] is the command's name) against cmd's table, calling
 * cmd->set(ctx, ...) for each option in order. Accepted forms: --name VALUE, --name=VALUE,
 * an unambiguous prefix of a long name, -x VALUE, -xVALUE, bundled flags (-qh). Options
 * may come before, between or after operands; "--" ends the options; "-" is an operand
 * (standard input). The operands are moved, in order, to argv[1..*nargs]. Returns DS_OK,
 * CLI_HELP or CLI_VERSION (nothing printed; see cli_finish) or DS_EUSAGE. An old spelling
 * prints "damirstat: CMD: --old is deprecated; use NEW" on stderr as it is parsed. */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, void *ctx, int *nargs, ds_err *err);

/* After cli_parse returned CLI_HELP or CLI_VERSION: prints the help or "damirstat VERSION"
 * on stdout. Returns DS_OK. */
int cli_finish(const cli_cmd *cmd, int what);

/* Prints cmd's help: the NAME line, usage, description, options and examples. */
void cli_help(const cli_cmd *cmd, FILE *fp);

/* The manual page (troff) of the n commands: overview (what `damirstat --help` prints), then
 * each command's usage, description, options and examples, as their --help (cli_man.c). */
void cli_man(FILE *fp, const cli_cmd *const *cmds, size_t n, const char *overview);

/* A completion script for shell ("bash" or "zsh": DS_EUSAGE otherwise) of the n commands:
 * commands, their options, the values of options whose placeholder lists them
 * (text|json|tsv), file names elsewhere (cli_complete.c). */
int cli_completion(FILE *fp, const char *shell, const cli_cmd *const *cmds, size_t n);

/* Value parsers; each error names the command and the option as the user wrote it. */
int cli_parse_delim(const char *cmd, const char *option, const char *s, char *delim,
                    ds_err *err); /* ",", ";", "tab" (or "\t") */
int cli_parse_count(const char *cmd, const char *option, const char *s, unsigned long long *v,
                    ds_err *err); /* a whole number: no sign, no suffix */
int cli_parse_top(const char *cmd, const char *s, unsigned long long *v,
                  ds_err *err); /* --top of aggregate and merge: a whole number from 1 */
int cli_parse_lines(const char *cmd, const char *option, const char *s, size_t *v,
                    ds_err *err); /* a number of lines (--skip) */
/* One of n names: *index receives its position. */
int cli_parse_choice(const char *cmd, const char *option, const char *s,
                     const char *const *names, int n, int *index, ds_err *err);

/* Prints what the loader noted about t (table_note: a column whose commas may separate
 * thousands) as "damirstat: CMD: warning: NOTE" on stderr; nothing when quiet. */
void cli_table_notes(const char *cmd, const table_t *t, int quiet);

/* 1 when two output paths name one file (the same name, the same name in the same folder
 * reached two ways, or two links to one file), so that a command refuses to write one of
 * its outputs over the other; 0 otherwise, and for NULL or "-" (stdout). */
int cli_same_file(const char *a, const char *b);

/* Writes through fn to path (NULL or "-": stdout) with out.h: a file appears whole or not at
 * all. fn returns DS_OK or an error with err set. */
typedef int (*cli_writer)(FILE *fp, const void *arg, ds_err *err);
int cli_write_output(const char *path, cli_writer fn, const void *arg, ds_err *err);

#endif
