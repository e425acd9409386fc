/* cli_man: the manual page (troff, man(7) macros) written from the same cli_cmd tables as
 * every --help, so that `make install` ships a page that cannot drift from the commands:
 * the overview is `damirstat --help` itself, then one section a command with its usage,
 * description, options and examples. */
#include <stdio.h>
#include <string.h>

#include "cli_impl.h"
#include "damirstat/cli.h"
#include "damirstat/version.h"

/* Length of the UTF-8 sequence at s (1 for ASCII or a stray byte) and its code point. */
static size_t utf8(const unsigned char *s, size_t n, unsigned *cp)
{
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    if (len > n)
        len = 1;
    *cp = len == 1 ? s[0] : s[0] & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++)
        *cp = *cp << 6 | (s[i] & 0x3F);
    return len;
}

/* Writes s[0..n) escaped for troff: a backslash as \e, a '-' as \- (a minus that man
 * pages search and copy as ASCII), a '.' or '\'' opening a line behind \&, and any other
 * than ASCII as \[uXXXX], which every troff reads whatever the locale. */
static void troff(FILE *fp, const char *s, size_t n, int line_start)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (line_start && (c == '.' || c == '\''))
            fputs("\\&", fp);
        line_start = c == '\n';
        if ((unsigned char)c >= 0x80) {
            unsigned cp;
            i += utf8((const unsigned char *)s + i, n - i, &cp) - 1;
            fprintf(fp, "\\[u%04X]", cp);
        } else if (c == '\\') {
            fputs("\\e", fp);
        } else if (c == '-') {
            fputs("\\-", fp);
        } else {
            fputc(c, fp);
        }
    }
}

static void troff_str(FILE *fp, const char *s) { troff(fp, s, strlen(s), 0); }

/* Lines as they are (usage forms, examples, the overview), in a no-fill block. */
static void verbatim(FILE *fp, const char *prefix, const char *text)
{
    fputs(".PP\n.nf\n.RS 4\n", fp);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        fputs("\\&", fp);
        troff_str(fp, prefix);
        troff(fp, p, n, 0);
        fputc('\n', fp);
        p += n;
        p += *p == '\n';
    }
    fputs(".RE\n.fi\n", fp);
}

/* A command's description, filled as man does: its lines wrapped for 80 columns flow
 * together; a blank line starts a paragraph, an indented line a line of its own. */
static void paragraph(FILE *fp, const char *text)
{
    fputs(".PP\n", fp);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (n == 0)
            fputs(".PP\n", fp);
        else if (*p == ' ')
            fputs(".br\n", fp);
        if (n)
            troff(fp, p, n, 1);
        if (n)
            fputc('\n', fp);
        p += n;
        p += *p == '\n';
    }
}

static void option(FILE *fp, const cli_opt *o)
{
    fputs(".TP\n", fp);
    if (o->letter)
        fprintf(fp, "\\fB\\-%c\\fR, ", o->letter);
    fputs("\\fB\\-\\-", fp);
    troff_str(fp, o->name);
    fputs("\\fR", fp);
    if (o->arg) {
        fputs(" \\fI", fp);
        troff_str(fp, o->arg);
        fputs("\\fR", fp);
    }
    fputc('\n', fp);
    for (const char *p = o->help; *p;) { /* a '\n' in a help starts a new line */
        size_t n = strcspn(p, "\n");
        troff(fp, p + strspn(p, " "), n - strspn(p, " "), 1);
        fputc('\n', fp);
        p += n;
        if (*p == '\n')
            fputs(".br\n", fp);
        p += *p == '\n';
    }
}

static void command(FILE *fp, const cli_cmd *cmd)
{
    fputs(".SS \"", fp);
    troff_str(fp, cmd->name);
    fputs("\"\n", fp);
    troff(fp, cmd->summary, strlen(cmd->summary), 1);
    fputc('\n', fp);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "damirstat %s ", cmd->name);
    verbatim(fp, prefix, cmd->usage);
    if (cmd->about && *cmd->about)
        paragraph(fp, cmd->about);
    fputs(".PP\nOptions:\n.RS 4\n", fp);
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
        if (!o->instead)
            option(fp, o);
    fputs(".RE\n.PP\nExamples:\n", fp);
    verbatim(fp, "", cmd->examples);
}

void cli_man(FILE *fp, const cli_cmd *const *cmds, size_t n, const char *overview)
{
    fprintf(fp, ".TH DAMIRSTAT 1 \"\" \"damirstat %s\" \"User Commands\"\n", DAMIRSTAT_VERSION);
    fputs(".\\\" Written by damirstat --man from the help of each command: do not edit.\n", fp);
    fputs(".SH NAME\ndamirstat \\- exact aggregates, joins, models and figures from Open DAMIR "
          "health\\-insurance files\n.SH SYNOPSIS\n.B damirstat\n.I COMMAND\n[\\fIOPTIONS\\fR] "
          "[\\fIFILE\\fR...]\n.SH DESCRIPTION\n", fp);
    verbatim(fp, "", overview);
    fputs(".SH COMMANDS\n", fp);
    for (size_t i = 0; i < n; i++)
        command(fp, cmds[i]);
    fputs(".SH FILES\n.TP\n.I PREFIX/share/damirstat/\nthe reference tables "
          "(external\\-data/, with their sources and licences in SOURCES.md), the studies "
          "(studies/) and the documentation (docs/) installed by make install. A study "
          "looks for a relative path beside the study file, then (from a studies/ folder) "
          "in the folder holding it, then in the current folder, then here; see "
          "docs/study\\-format.md.\n"
          ".SH SEE ALSO\ndocs/study\\-format.md, docs/errors.md, docs/json.md and "
          "docs/scaling.md under PREFIX/share/damirstat/.\n", fp);
}
