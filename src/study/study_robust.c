/* study_robust: the [robustness NAME] step — checks the rows of the finding's Table 2 (each
 * a fit named before with a term, NAME:wild a fit with a wild cluster bootstrap, a count
 * model only with count_rate = COL to convert its log slope) and records them; the writers
 * compute and print the slopes (study_report_robust.c). */
#include <stdlib.h>
#include <string.h>

#include "study_steps_impl.h"

/* The fit named word (NAME or NAME:wild) among the fits of the run: its index, or -1 with
 * err set. */
static long row_fit(const study_t *s, const study_section *sec, const study_state *r,
                    const char *word, int *wild, ds_err *err)
{
    char name[256];
    snprintf(name, sizeof name, "%s", word);
    char *colon = strchr(name, ':');
    *wild = colon && strcmp(colon, ":wild") == 0;
    if (colon)
        *colon = '\0';
    const study_fit *f = study_state_fit(r, name);
    const char *why = colon && !*wild ? "a row is NAME or NAME:wild"
                      : !f ? "no fit of that name before this section"
                      : !f->term ? "the fit has no term ="
                      : *wild && !f->fit->wild ? "the fit has no wild_bootstrap ="
                      : f->fit->family != MODEL_GAUSSIAN && !study_get(sec, "count_rate")
                          ? "a count model's slope needs count_rate = COL (the rate at whose "
                            "mean it is converted)"
                          : NULL;
    if (why) {
        ds_err_set(err, DS_EDATA, "%s:%d: [robustness %s]: rows: '%s': %s", s->path,
                   study_line(sec, "rows"), sec->name, word, why);
        return -1;
    }
    return f - r->fits;
}

int study_robustness_step(const study_t *s, const study_section *sec, study_state *r,
                          ds_err *err)
{
    size_t nw;
    char **w = study_words(study_get(sec, "rows"), &nw);
    study_robust b = {sec, xcalloc(nw + 1, sizeof *b.fits), xcalloc(nw + 1, 1), 0};
    int rc = DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        int wild = 0;
        long i = row_fit(s, sec, r, w[k], &wild, err);
        if (i < 0) {
            rc = DS_EDATA;
            break;
        }
        b.fits[b.nrows] = (size_t)i;
        b.wild[b.nrows++] = (unsigned char)wild;
    }
    const char *rate = study_get(sec, "count_rate");
    for (size_t k = 0; k < b.nrows && rc == DS_OK && rate; k++)
        if (table_col_index(r->fits[b.fits[k]].data, rate) < 0)
            rc = ds_err_set(err, DS_EDATA, "%s:%d: [robustness %s]: count_rate: no column '%s' "
                            "in the data of fit '%s'", s->path, study_line(sec, "count_rate"),
                            sec->name, rate, r->fits[b.fits[k]].name);
    study_words_free(w);
    if (rc != DS_OK) {
        free(b.fits);
        free(b.wild);
        return rc;
    }
    study_state_push_robust(r, &b);
    return DS_OK;
}
