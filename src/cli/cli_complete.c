/* cli_complete: bash and zsh completion scripts written from the cli_cmd tables (commands,
 * each command's options, the values of options whose placeholder lists them, such as
 * text|json|tsv, and file names elsewhere), so that a new option completes as soon as it
 * is in its table. */
#include <stdio.h>
#include <string.h>

#include "cli_impl.h"
#include "damirstat/cli.h"

/* The values the command's table gives for option (NULL: its first word), blank-separated,
 * or 0 when it gives none. */
static int listed(const cli_cmd *cmd, const char *option, char *buf, size_t size)
{
    const char *v;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; cmd->complete && (v = cmd->complete(option, i)); i++)
        if (used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "", v);
    return used > 0 && used < size;
}

/* The values of a placeholder that lists them ("text|json|tsv" → "text json tsv"), else
 * those of the command's table, or 0. */
static int choices(const cli_cmd *cmd, const cli_opt *o, char *buf, size_t size)
{
    if (!o->arg || !strchr(o->arg, '|') || strlen(o->arg) >= size)
        return o->arg && listed(cmd, o->name, buf, size);
    for (size_t i = 0; i <= strlen(o->arg); i++)
        buf[i] = o->arg[i] == '|' ? ' ' : o->arg[i];
    return 1;
}

static void bash_options(FILE *fp, const cli_cmd *cmd)
{
    fprintf(fp, "        %s) opts=\"", cmd->name);
    const cli_opt *o;
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++) {
        if (o->instead)
            continue;
        if (o->letter)
            fprintf(fp, "-%c ", o->letter);
        fprintf(fp, "--%s%s", o->name, cli_opt_at(cmd, i + 1) ? " " : "");
    }
    fputs("\" ;;\n", fp);
}

static void bash_values(FILE *fp, const cli_cmd *cmd)
{
    const cli_opt *o;
    char vals[200];
    for (size_t i = 0; (o = cli_opt_at(cmd, i)); i++)
        if (!o->instead && choices(cmd, o, vals, sizeof vals))
            fprintf(fp, "        \"%s --%s\") COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); "
                    "return ;;\n", cmd->name, o->name, vals);
    /* the first word after the command: $prev is then the command itself */
    if (listed(cmd, NULL, vals, sizeof vals))
        fprintf(fp, "        \"%s %s\") [ \"$COMP_CWORD\" -eq 2 ] && COMPREPLY=($(compgen -W "
                "\"%s\" -- \"$cur\")) && return ;;\n", cmd->name, cmd->name, vals);
}

static void bash(FILE *fp, const cli_cmd *const *cmds, size_t n)
{
    fputs("# bash completion for damirstat, written by `damirstat --completion bash`: do not "
          "edit.\n_damirstat() {\n    local cur=${COMP_WORDS[COMP_CWORD]} "
          "prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]} opts=\n"
          "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n        COMPREPLY=($(compgen -W \"", fp);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s ", cmds[i]->name);
    fputs("--help --version --man --completion\" -- \"$cur\"))\n        return\n    fi\n"
          "    case \"$cmd $prev\" in\n"
          "        \"--completion --completion\") COMPREPLY=($(compgen -W \"bash zsh\" -- "
          "\"$cur\")); return ;;\n", fp);
    for (size_t i = 0; i < n; i++)
        bash_values(fp, cmds[i]);
    fputs("    esac\n    case \"$cmd\" in\n", fp);
    for (size_t i = 0; i < n; i++)
        bash_options(fp, cmds[i]);
    fputs("    esac\n    if [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n    else\n"
          "        COMPREPLY=($(compgen -f -- \"$cur\"))\n    fi\n}\n"
          "complete -o filenames -o bashdefault -F _damirstat damirstat\n", fp);
}

/* The first clause of a help (to ';', '(' or ':'), at most 60 bytes, for zsh's [...]: no
 * quote, bracket or backslash that would end the spec. */
static void zsh_text(FILE *fp, const char *s)
{
    size_t n = strcspn(s, ";(:\n");
    if (n > 60)
        n = 60;
    while (n && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++)
        if (!strchr("'[]\\`$", s[i]))
            fputc(s[i], fp);
}

static void zsh_option(FILE *fp, const cli_cmd *cmd, const cli_opt *o)
{
    char vals[200];
    for (int form = 0; form < 2; form++) {
        if (form == 1 && !o->letter)
            break;
        fputs(" \\\n        '", fp);
        if (form)
            fprintf(fp, "-%c[", o->letter);
        else
            fprintf(fp, "--%s[", o->name);
        zsh_text(fp, o->help);
        fputc(']', fp);
        if (o->arg && choices(cmd, o, vals, sizeof vals))
            fprintf(fp, ":value:(%s)", vals);
        else if (o->arg)
            fputs(strstr(o->arg, "FILE") || strstr(o->arg, "DIR") ? ":file:_files" : ":value: ",
                  fp);
        fputc('\'', fp);
    }
}

static void zsh(FILE *fp, const cli_cmd *const *cmds, size_t n)
{
    fputs("#compdef damirstat\n# zsh completion for damirstat, written by `damirstat "
          "--completion zsh`: do not edit.\n_damirstat() {\n    local -a commands\n"
          "    commands=(\n", fp);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "        '%s:", cmds[i]->name);
        zsh_text(fp, cmds[i]->summary);
        fputs("'\n", fp);
    }
    fputs("    )\n    if (( CURRENT == 2 )); then\n"
          "        _describe -t commands 'damirstat command' commands\n        return\n"
          "    fi\n    local cmd=$words[2]\n    shift words\n    (( CURRENT-- ))\n"
          "    case $cmd in\n", fp);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "    %s)\n        _arguments -s", cmds[i]->name);
        const cli_opt *o;
        for (size_t k = 0; (o = cli_opt_at(cmds[i], k)); k++)
            if (!o->instead)
                zsh_option(fp, cmds[i], o);
        char first[200];
        if (listed(cmds[i], NULL, first, sizeof first))
            fprintf(fp, " \\\n        '1:word:(%s)'", first);
        fputs(" \\\n        '*:file:_files' ;;\n", fp);
    }
    fputs("    esac\n}\n_damirstat \"$@\"\n", fp);
}

int cli_completion(FILE *fp, const char *shell, const cli_cmd *const *cmds, size_t n)
{
    if (strcmp(shell, "bash") == 0)
        bash(fp, cmds, n);
    else if (strcmp(shell, "zsh") == 0)
        zsh(fp, cmds, n);
    else
        return DS_EUSAGE;
    return DS_OK;
}
