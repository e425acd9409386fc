/* regtable_write: the rows of a regression table as Markdown (GitHub pipes), HTML (a
 * <table> that report.html styles) or LaTeX (booktabs, as stargazer and modelsummary
 * write it), each cell escaped for its format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regtable_impl.h"

typedef void rt_escape_fn(FILE *fp, const char *s);

static void md_escape(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (strchr("|\\*_<>&", *s)) /* no HTML from a term or label: text as written */
            fputc('\\', fp);
        fputc(*s, fp);
    }
}

static void html_escape(FILE *fp, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputc(*s, fp);
        }
}

/* LaTeX's specials escaped; the few non-ASCII symbols the table uses as math. */
static void tex_escape(FILE *fp, const char *s)
{
    static const struct {
        const char *from, *to;
    } map[] = {
        {"\\", "\\textbackslash{}"}, {"&", "\\&"}, {"%", "\\%"}, {"$", "\\$"}, {"#", "\\#"},
        {"_", "\\_"}, {"{", "\\{"}, {"}", "\\}"}, {"~", "\\textasciitilde{}"},
        {"^", "\\textasciicircum{}"}, {"²", "$^2$"}, {"θ", "$\\theta$"}, {"ρ", "$\\rho$"},
        {"λ", "$\\lambda$"}, {"−", "$-$"}, {"×", "$\\times$"},
    };
    while (*s) {
        size_t k = 0, n = sizeof map / sizeof map[0];
        while (k < n && strncmp(s, map[k].from, strlen(map[k].from)) != 0)
            k++;
        if (k < n) {
            fputs(map[k].to, fp);
            s += strlen(map[k].from);
        } else {
            fputc(*s++, fp);
        }
    }
}

static const char *stars_note = "* p < 0.05, ** p < 0.01, *** p < 0.001";

/* How a format writes a row: its opening, the text between the label and the first cell
 * and between cells, its end, and the escaping of a cell. */
typedef struct rt_style {
    const char *open, *after_label, *between, *close;
    rt_escape_fn *esc;
} rt_style;

static const rt_style md_style = {"| ", " | ", " | ", " |\n", md_escape};
static const rt_style html_style = {"<th>", "</th><td class=\"r\">", "</td><td class=\"r\">",
                                    "</td></tr>\n", html_escape};
static const rt_style tex_style = {"", " & ", " & ", " \\\\\n", tex_escape};

static void write_row(FILE *fp, const rt_style *st, const char *label, char *const *cells,
                      size_t n)
{
    fputs(st->open, fp);
    st->esc(fp, label);
    for (size_t c = 0; c < n; c++) {
        fputs(c ? st->between : st->after_label, fp);
        st->esc(fp, cells[c]);
    }
    if (n == 0 && strcmp(st->close, "</td></tr>\n") == 0)
        fputs("</th></tr>\n", fp);
    else
        fputs(st->close, fp);
}

/* The headers as "(1) label" (a line break between the two in HTML). */
static char **numbered_headers(const rt_rows *r, const char *sep)
{
    char **h = xcalloc(r->ncols ? r->ncols : 1, sizeof *h);
    for (size_t c = 0; c < r->ncols; c++) {
        size_t n = strlen(r->header[c]) + strlen(sep) + 24;
        h[c] = xmalloc(n);
        snprintf(h[c], n, "(%zu)%s%s", c + 1, r->header[c][0] ? sep : "", r->header[c]);
    }
    return h;
}

static void free_headers(char **h, size_t n)
{
    for (size_t c = 0; c < n; c++)
        free(h[c]);
    free(h);
}

static void write_md(FILE *fp, const rt_rows *r)
{
    char **h = numbered_headers(r, " ");
    write_row(fp, &md_style, "", h, r->ncols);
    free_headers(h, r->ncols);
    fputs("|---|", fp);
    for (size_t c = 0; c < r->ncols; c++)
        fputs("---:|", fp);
    fputc('\n', fp);
    for (size_t i = 0; i < r->n; i++)
        write_row(fp, &md_style, r->row[i].label, r->row[i].cell, r->ncols);
    fprintf(fp, "\nStandard errors in parentheses%s%s.", r->stars ? "; " : "",
            r->stars ? "\\* p < 0.05, \\*\\* p < 0.01, \\*\\*\\* p < 0.001" : "");
    if (r->note[0]) {
        fputs(" Columns: ", fp);
        fputs(r->note, fp); /* its backquotes and brackets are Markdown as meant */
        fputc('.', fp);
    }
    fputc('\n', fp);
}

/* The first row of the lower block (n, method …) gets a rule above it. */
static int opens_block(const rt_rows *r, size_t i)
{
    return i > 0 && r->row[i].kind == RT_GOF && r->row[i - 1].kind != RT_GOF;
}

static void write_html(FILE *fp, const rt_rows *r)
{
    fputs("<table class=\"regtable\">\n<thead><tr><th></th>", fp);
    for (size_t c = 0; c < r->ncols; c++) {
        fprintf(fp, "<th>(%zu)<br>", c + 1);
        html_escape(fp, r->header[c]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        fputs(r->row[i].kind == RT_SE ? "<tr class=\"se\">"
              : opens_block(r, i)     ? "<tr class=\"block\">"
                                      : "<tr>", fp);
        write_row(fp, &html_style, r->row[i].label, r->row[i].cell, r->ncols);
    }
    fprintf(fp, "</tbody>\n<tfoot><tr><td colspan=\"%zu\">Standard errors in parentheses%s%s.",
            r->ncols + 1, r->stars ? "; " : "", r->stars ? stars_note : "");
    if (r->note[0]) {
        fputs(" Columns: ", fp);
        html_escape(fp, r->note);
        fputc('.', fp);
    }
    fputs("</td></tr></tfoot>\n</table>\n", fp);
}

static void write_tex(FILE *fp, const rt_rows *r)
{
    fprintf(fp, "\\begin{tabular}{l*{%zu}{c}}\n\\toprule\n", r->ncols);
    for (size_t c = 0; c < r->ncols; c++)
        fprintf(fp, " & (%zu)", c + 1);
    fputs(" \\\\\n", fp);
    write_row(fp, &tex_style, "", r->header, r->ncols);
    fputs("\\midrule\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        if (opens_block(r, i))
            fputs("\\midrule\n", fp);
        write_row(fp, &tex_style, r->row[i].label, r->row[i].cell, r->ncols);
    }
    fprintf(fp, "\\bottomrule\n\\multicolumn{%zu}{l}{\\footnotesize Standard errors in "
                "parentheses%s",
            r->ncols + 1, r->stars ? "; " : "");
    if (r->stars)
        tex_escape(fp, stars_note);
    fputs(".}\n\\end{tabular}\n", fp);
    if (r->note[0]) { /* a comment: a paper shows the columns it chose, not how */
        fputs("% Columns: ", fp);
        fputs(r->note, fp);
        fputs(".\n", fp);
    }
}

int regtable_write(const regtable *t, const regtable_options *opt, regtable_format fmt,
                   FILE *fp, ds_err *err)
{
    regtable_options none = {0, NULL};
    rt_rows rows;
    rt_build(t, opt ? opt : &none, &rows);
    if (fmt == REGTABLE_HTML)
        write_html(fp, &rows);
    else if (fmt == REGTABLE_TEX)
        write_tex(fp, &rows);
    else
        write_md(fp, &rows);
    rt_rows_free(&rows);
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}
