/* study_report_screen: the [screen] steps in report.md (a row per column screened: n, each
 * method's estimate, p and adjusted p's) and in results.json ("screens"). */
#include <math.h>
#include <string.h>

#include "damirstat/adjust.h"
#include "study_write_impl.h"

static const char *const screen_method[] = {"Pearson r", "Spearman rho", "Kendall tau-b"};
static const char *const screen_key[] = {"pearson", "spearman", "kendall"};

static const corr_estimate *screen_estimate(const corr_result *r, int m)
{
    const corr_estimate *e = m == 0 ? &r->pearson : m == 1 ? &r->spearman : &r->kendall;
    return e->method ? e : NULL;
}

static void screen_header(FILE *fp, const study_screen *c)
{
    fputs("| column | n |", fp);
    for (int m = 0; m < 3; m++) {
        if (!screen_estimate(&c->res[0], m))
            continue;
        fprintf(fp, " %s | p |", screen_method[m]);
        for (size_t a = 0; a < c->nadjust; a++)
            fprintf(fp, " p %s |", adjust_name(c->adjust[a]));
    }
    fputs("\n|---|---:|", fp);
    for (int m = 0; m < 3; m++)
        for (size_t a = 0; screen_estimate(&c->res[0], m) && a < c->nadjust + 2; a++)
            fputs("---:|", fp);
    fputs("\n", fp);
}

void study_report_screens(FILE *fp, const study_state *r)
{
    for (size_t i = 0; i < r->nscreens; i++) {
        const study_screen *c = &r->screens[i];
        const char *label = study_get(c->section, "label"), *note = study_get(c->section, "note");
        fprintf(fp, "\n### %s (`[screen %s]`)\n\n`%s` against each column below, rows with a "
                "missing value dropped per pair; p as R's `cor.test`, adjusted over the %zu "
                "columns of the screen as R's `p.adjust`", label ? label : c->section->name,
                c->section->name, study_get(c->section, "y"), c->nx);
        for (size_t a = 0; a < c->nadjust; a++)
            fprintf(fp, "%s`%s`", a ? ", " : " (", adjust_name(c->adjust[a]));
        fprintf(fp, "%s.%s%s\n\n", c->nadjust ? ")" : "", note ? " " : "", note ? note : "");
        screen_header(fp, c);
        for (size_t k = 0; k < c->nx; k++) {
            fprintf(fp, "| `%s` | %zu |", c->x[k], c->res[k].n);
            for (int m = 0; m < 3; m++) {
                const corr_estimate *e = screen_estimate(&c->res[k], m);
                if (!e)
                    continue;
                fprintf(fp, " %.3f | %.2g |", e->estimate, e->p_value);
                for (size_t a = 0; a < c->nadjust; a++)
                    fprintf(fp, " %.2g |", c->p_adjusted[(k * 3 + (size_t)m) * c->nadjust + a]);
            }
            fputs("\n", fp);
        }
    }
}

void study_json_screens(json_w *w, const study_state *r)
{
    json_key(w, "screens");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->nscreens; i++) {
        const study_screen *c = &r->screens[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", c->section->name);
        json_member_str(w, "y", study_get(c->section, "y"));
        json_key(w, "adjust");
        json_array(w, JSON_INLINE);
        for (size_t a = 0; a < c->nadjust; a++)
            json_str(w, adjust_name(c->adjust[a]));
        json_end(w);
        json_key(w, "rows");
        json_array(w, JSON_LINES);
        for (size_t k = 0; k < c->nx; k++) {
            json_object(w, JSON_COMPACT);
            json_member_str(w, "x", c->x[k]);
            json_member_uint(w, "n", c->res[k].n);
            for (int m = 0; m < 3; m++) {
                const corr_estimate *e = screen_estimate(&c->res[k], m);
                if (!e)
                    continue;
                json_key(w, screen_key[m]);
                json_object(w, JSON_COMPACT);
                json_member_num(w, "estimate", e->estimate);
                json_member_num(w, "p", e->p_value);
                for (size_t a = 0; a < c->nadjust; a++) {
                    char key[32];
                    snprintf(key, sizeof key, "p_%s", adjust_name(c->adjust[a]));
                    json_member_num(w, key, c->p_adjusted[(k * 3 + (size_t)m) * c->nadjust + a]);
                }
                json_end(w);
            }
            json_end(w);
        }
        json_end(w);
        json_end(w);
    }
    json_end(w);
}
