/* regtable_write: the rows of a regression table as Markdown (GitHub pipes), HTML (a
 * <table> that report.html styles) or LaTeX (booktabs, as stargazer and modelsummary
 * write it), each cell escaped for its format. */
#include <stdio.h>
#include <string.h>

#include "regtable_impl.h"

typedef void rt_escape_fn(FILE *fp, const char *s);

static void md_escape(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\' || *s == '*' || *s == '_')
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

static void write_md(FILE *fp, const rt_rows *r)
{
    fputs("| |", fp);
    for (size_t c = 0; c < r->ncols; c++) {
        fprintf(fp, " (%zu) ", c + 1);
        md_escape(fp, r->header[c]);
        fputs(" |", fp);
    }
    fputs("\n|---|", fp);
    for (size_t c = 0; c < r->ncols; c++)
        fputs("---:|", fp);
    fputc('\n', fp);
    for (size_t i = 0; i < r->n; i++) {
        fputs("| ", fp);
        md_escape(fp, r->row[i].label);
        for (size_t c = 0; c < r->ncols; c++) {
            fputs(" | ", fp);
            md_escape(fp, r->row[i].cell[c]);
        }
        fputs(" |\n", fp);
    }
    fprintf(fp, "\nStandard errors in parentheses%s%s.\n", r->stars ? "; " : "",
            r->stars ? "\\* p < 0.05, \\*\\* p < 0.01, \\*\\*\\* p < 0.001" : "");
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
        const char *cls = r->row[i].kind == RT_SE ? " class=\"se\""
                          : opens_block(r, i) ? " class=\"block\"" : "";
        fprintf(fp, "<tr%s><th>", cls);
        html_escape(fp, r->row[i].label);
        fputs("</th>", fp);
        for (size_t c = 0; c < r->ncols; c++) {
            fputs("<td>", fp);
            html_escape(fp, r->row[i].cell[c]);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fprintf(fp, "</tbody>\n<tfoot><tr><td colspan=\"%zu\">Standard errors in parentheses%s%s."
                "</td></tr></tfoot>\n</table>\n",
            r->ncols + 1, r->stars ? "; " : "", r->stars ? stars_note : "");
}

static void tex_cells(FILE *fp, const char *label, char *const *cells, size_t n,
                      rt_escape_fn *esc)
{
    esc(fp, label);
    for (size_t c = 0; c < n; c++) {
        fputs(" & ", fp);
        esc(fp, cells[c]);
    }
    fputs(" \\\\\n", fp);
}

static void write_tex(FILE *fp, const rt_rows *r)
{
    fprintf(fp, "\\begin{tabular}{l*{%zu}{c}}\n\\toprule\n", r->ncols);
    for (size_t c = 0; c < r->ncols; c++)
        fprintf(fp, " & (%zu)", c + 1);
    fputs(" \\\\\n", fp);
    tex_cells(fp, "", r->header, r->ncols, tex_escape);
    fputs("\\midrule\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        if (opens_block(r, i))
            fputs("\\midrule\n", fp);
        tex_cells(fp, r->row[i].label, r->row[i].cell, r->ncols, tex_escape);
    }
    fprintf(fp, "\\bottomrule\n\\multicolumn{%zu}{l}{\\footnotesize Standard errors in "
                "parentheses%s",
            r->ncols + 1, r->stars ? "; " : "");
    if (r->stars)
        tex_escape(fp, stars_note);
    fputs(".}\n\\end{tabular}\n", fp);
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
