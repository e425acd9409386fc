/* cli_help: a command's --help from its cli_cmd: one layout for all, which the man page is
 * generated from. */
#include <string.h>

#include "cli_impl.h"
#include "damirstat/cli.h"
#include "damirstat/version.h"

enum {
    HELP_WIDTH = 80, /* wrap option help before this column */
    HELP_COL = 24    /* option help starts here; longer option names put it on the next line */
};

/* Display width of s[0..n), counting UTF-8 code points (√, é and … are one column). */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static void indent(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

/* Prints text from column x, wrapping at HELP_WIDTH with lines indented to col; a '\n' in
 * text starts a new line, keeping the spaces that follow it. */
static void print_wrapped(FILE *fp, const char *text, size_t col, size_t x)
{
    int line_start = 1;
    for (const char *p = text; *p;) {
        if (*p == '\n') {
            fputc('\n', fp);
            indent(fp, col);
            x = col;
            p++;
            size_t lead = strspn(p, " ");
            indent(fp, lead);
            x += lead;
            p += lead;
            line_start = 1;
            continue;
        }
        size_t n = strcspn(p, " \n"), w = width(p, n);
        if (!line_start && x + 1 + w > HELP_WIDTH) {
            fputc('\n', fp);
            indent(fp, col);
            x = col;
            line_start = 1;
        }
        if (!line_start) {
            fputc(' ', fp);
            x++;
        }
        fwrite(p, 1, n, fp);
        x += w;
        p += n;
        p += strspn(p, " ");
        line_start = 0;
    }
    fputc('\n', fp);
}

static void print_option(FILE *fp, const cli_opt *o)
{
    int n = o->letter ? fprintf(fp, "  -%c, --%s", o->letter, o->name)
                      : fprintf(fp, "      --%s", o->name);
    if (o->arg) { /* counted in columns: an argument such as A,B,… has multibyte ones */
        fprintf(fp, " %s", o->arg);
        n += 1 + (int)width(o->arg, strlen(o->arg));
    }
    if (n + 2 > HELP_COL) {
        fputc('\n', fp);
        n = 0;
    }
    indent(fp, (size_t)(HELP_COL - n));
    print_wrapped(fp, o->help, HELP_COL, HELP_COL);
}

/* Prints each line of text after prefix (the first line) or pad (the others); with cont,
 * a line that starts with a space continues the one above and is indented under it. */
static void print_lines(FILE *fp, const char *text, const char *prefix, const char *pad,
                        size_t cont)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (cont && *p == ' ') {
            indent(fp, cont);
            fprintf(fp, "%.*s\n", (int)(n - strspn(p, " ")), p + strspn(p, " "));
        } else {
            fprintf(fp, "%s%.*s\n", p == text ? prefix : pad, (int)n, p);
        }
        p += n;
        p += *p == '\n';
    }
}

void cli_help(const cli_cmd *cmd, FILE *fp)
{
    char first[64], other[64];
    fprintf(fp, "damirstat %s - %s\n\n", cmd->name, cmd->summary);
    snprintf(first, sizeof first, "Usage: damirstat %s ", cmd->name);
    snprintf(other, sizeof other, "       damirstat %s ", cmd->name);
    print_lines(fp, cmd->usage, first, other, strlen(first));
    if (cmd->about && *cmd->about) {
        fputc('\n', fp);
        print_lines(fp, cmd->about, "", "", 0);
    }
    fputs("\nOptions:\n", fp);
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
        if (!o->instead)
            print_option(fp, o);
    fputs("\nExamples:\n", fp);
    print_lines(fp, cmd->examples, "  ", "  ", 0);
}

int cli_finish(const cli_cmd *cmd, int what)
{
    if (what == CLI_VERSION)
        printf("damirstat %s\n", DAMIRSTAT_VERSION);
    else
        cli_help(cmd, stdout);
    return DS_OK;
}
