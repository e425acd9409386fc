/* study_html: report.html, the report.md of the run turned into one self-contained HTML
 * page — figures inline (PNG as base64 data, SVG as its own markup), no stylesheet, font or
 * script fetched from anywhere — readable on screen and when printed. It converts only the
 * Markdown report.md is written in (headings, paragraphs, line breaks, lists, pipe tables,
 * images on a line of their own, fenced code, `code`, **bold**, *italic*, backslash
 * escapes), so the two reports cannot say different things. Base64 is written here: it is
 * the dozen lines of RFC 4648 §4, less than a dependency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/out.h"
#include "study_write_impl.h"

static const char style[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:62rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.45;color:#222}\n"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}\n"
    "th,td{border-bottom:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}\n"
    "td.r{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.se td{border-bottom:none;color:#555}\n"
    "img,svg{max-width:100%;height:auto}\n"
    "pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.8rem}\n"
    "code{font-size:.9em}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}pre{white-space:pre-wrap}"
    "tr,img,svg,figure{page-break-inside:avoid}h2,h3{page-break-after:avoid}}\n";

static void html_text(FILE *fp, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        switch (s[i]) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputc(s[i], fp);
        }
}

/* Inline Markdown of s[0..n): escapes, `code`, **bold**, *italic*. */
static void inline_md(FILE *fp, const char *s, size_t n)
{
    int bold = 0, italic = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && strchr("\\`*_|{}[]()#+-.!<>&", s[i + 1])) {
            html_text(fp, s + ++i, 1);
        } else if (s[i] == '`') {
            const char *end = memchr(s + i + 1, '`', n - i - 1);
            size_t len = end ? (size_t)(end - (s + i + 1)) : n - i - 1;
            fputs("<code>", fp);
            html_text(fp, s + i + 1, len);
            fputs("</code>", fp);
            i += len + (end != NULL);
        } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            fputs((bold = !bold) ? "<strong>" : "</strong>", fp);
            i++;
        } else if (s[i] == '*' && (italic || (i + 1 < n && s[i + 1] != ' '))) {
            fputs((italic = !italic) ? "<em>" : "</em>", fp);
        } else {
            html_text(fp, s + i, 1);
        }
    }
    if (italic)
        fputs("</em>", fp);
    if (bold)
        fputs("</strong>", fp);
}

static void base64(FILE *fp, const unsigned char *p, size_t n)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        fputc(a[v >> 18 & 63], fp);
        fputc(a[v >> 12 & 63], fp);
        fputc(i + 1 < n ? a[v >> 6 & 63] : '=', fp);
        fputc(i + 2 < n ? a[v & 63] : '=', fp);
    }
}

/* ![alt](file): the figure of the run's folder, inline. */
static int image(FILE *fp, const study_state *r, const char *line, ds_err *err)
{
    const char *alt = line + 2, *close = strstr(alt, "]("), *end = strrchr(line, ')');
    if (!close || !end || end < close)
        return DS_OK;
    size_t n = (size_t)(end - close - 2);
    char *path = xmalloc(strlen(r->out_dir) + n + 2);
    sprintf(path, "%s/%.*s", r->out_dir, (int)n, close + 2);
    size_t len = 0;
    char *data = study_read_file(path, &len, err);
    free(path);
    if (!data)
        return DS_EIO;
    fputs("<figure>", fp);
    if (n > 4 && strncmp(close + 2 + n - 4, ".svg", 4) == 0) {
        const char *svg = strstr(data, "<svg");
        fputs(svg ? svg : "", fp);
    } else {
        int pdf = n > 4 && strncmp(close + 2 + n - 4, ".pdf", 4) == 0;
        fputs(pdf ? "<embed type=\"application/pdf\" width=\"100%\" height=\"600\" "
                    "src=\"data:application/pdf;base64,"
                  : "<img alt=\"", fp);
        if (!pdf) {
            html_text(fp, alt, (size_t)(close - alt));
            fputs("\" src=\"data:image/png;base64,", fp);
        }
        base64(fp, (const unsigned char *)data, len);
        fputs("\">", fp);
    }
    fputs("</figure>\n", fp);
    free(data);
    return DS_OK;
}

/* The cells of a table line "| a | b |" (unescaped pipes split); returns their count. */
static size_t cells(const char *line, const char **start, size_t *len, size_t max)
{
    size_t n = 0;
    const char *p = line + 1;
    while (*p && n < max) {
        const char *q = p;
        while (*q && !(*q == '|' && q[-1] != '\\'))
            q++;
        if (!*q)
            break;
        const char *a = p, *b = q;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        start[n] = a, len[n] = (size_t)(b - a), n++;
        p = q + 1;
    }
    return n;
}

/* A pipe table from lines[0] (header), lines[1] (alignment) on; returns the lines used. */
static size_t table(FILE *fp, char **lines, size_t nlines)
{
    const char *s[80], *al[80];
    size_t l[80], all[80], right[80] = {0};
    size_t nal = cells(lines[1], al, all, 80), nh = cells(lines[0], s, l, 80);
    for (size_t c = 0; c < nal; c++) /* "---:" aligns right */
        right[c] = all[c] && al[c][all[c] - 1] == ':';
    fputs("<table>\n<thead><tr>", fp);
    for (size_t c = 0; c < nh; c++) {
        fputs("<th>", fp);
        inline_md(fp, s[c], l[c]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    size_t i = 2;
    for (; i < nlines && lines[i][0] == '|'; i++) {
        size_t nc = cells(lines[i], s, l, 80);
        int se = nc > 0 && l[0] == 0; /* a row without a label: the standard errors */
        fputs(se ? "<tr class=\"se\">" : "<tr>", fp);
        for (size_t c = 0; c < nc; c++) {
            fputs(right[c] ? "<td class=\"r\">" : "<td>", fp);
            inline_md(fp, s[c], l[c]);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table>\n", fp);
    return i;
}

/* A paragraph: lines up to a blank one; "  " at a line's end is a line break. */
static size_t paragraph(FILE *fp, char **lines, size_t nlines)
{
    size_t i = 0;
    fputs("<p>", fp);
    for (; i < nlines && lines[i][0] && lines[i][0] != '|' && lines[i][0] != '#'; i++) {
        size_t n = strlen(lines[i]);
        int br = n >= 2 && lines[i][n - 1] == ' ' && lines[i][n - 2] == ' ';
        inline_md(fp, lines[i], n);
        fputs(br ? "<br>\n" : i + 1 < nlines && lines[i + 1][0] ? "\n" : "", fp);
    }
    fputs("</p>\n", fp);
    return i;
}

static size_t list(FILE *fp, char **lines, size_t nlines)
{
    size_t i = 0;
    fputs("<ul>\n", fp);
    for (; i < nlines && strncmp(lines[i], "- ", 2) == 0; i++) {
        fputs("<li>", fp);
        inline_md(fp, lines[i] + 2, strlen(lines[i] + 2));
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n", fp);
    return i;
}

static size_t code_block(FILE *fp, char **lines, size_t nlines)
{
    size_t i = 1;
    fputs("<pre><code>", fp);
    for (; i < nlines && strncmp(lines[i], "```", 3) != 0; i++) {
        html_text(fp, lines[i], strlen(lines[i]));
        fputc('\n', fp);
    }
    fputs("</code></pre>\n", fp);
    return i + 1;
}

/* The blocks of the Markdown, one after the other. */
static int body(FILE *fp, const study_state *r, char **lines, size_t n, ds_err *err)
{
    for (size_t i = 0; i < n;) {
        const char *l = lines[i];
        size_t level = strspn(l, "#");
        if (!l[0]) {
            i++;
        } else if (level > 0 && level <= 3 && l[level] == ' ') {
            fprintf(fp, "<h%zu>", level);
            inline_md(fp, l + level + 1, strlen(l + level + 1));
            fprintf(fp, "</h%zu>\n", level);
            i++;
        } else if (strncmp(l, "![", 2) == 0) {
            int rc = image(fp, r, l, err);
            if (rc != DS_OK)
                return rc;
            i++;
        } else if (l[0] == '|' && i + 1 < n && strncmp(lines[i + 1], "|---", 4) == 0) {
            i += table(fp, lines + i, n - i);
        } else if (strncmp(l, "```", 3) == 0) {
            i += code_block(fp, lines + i, n - i);
        } else if (strncmp(l, "- ", 2) == 0) {
            i += list(fp, lines + i, n - i);
        } else {
            i += paragraph(fp, lines + i, n - i);
        }
    }
    return DS_OK;
}

int study_report_html_write(const study_state *r, const char *md_path, const char *path,
                            ds_err *err)
{
    char *md = study_read_file(md_path, NULL, err);
    if (!md)
        return DS_EIO;
    size_t n = 0, cap = 256;
    char **lines = xmalloc(cap * sizeof *lines);
    for (char *p = md, *nl; p && *p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (n == cap)
            lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = p;
    }
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc == DS_OK) {
        FILE *fp = out_stream(o);
        const char *title = n && strncmp(lines[0], "# ", 2) == 0 ? lines[0] + 2 : "report";
        fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
              fp);
        html_text(fp, title, strlen(title));
        fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
        rc = body(fp, r, lines, n, err);
        fputs("</body>\n</html>\n", fp);
        rc = rc == DS_OK ? out_commit(o, err) : (out_abort(o), rc);
    }
    free(lines);
    free(md);
    return rc;
}
