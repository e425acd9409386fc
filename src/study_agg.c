/* study_agg: the [inputs] and [aggregate] steps. */
#include "study_report.h"

int study_aggregate_step(const study_t *s, const study_section *sec, study_state *r,
                         ds_err *err)
{
    (void)r;
    return ds_err_set(err, DS_EDATA, "%s:%d: [aggregate] is not built yet", s->path, sec->line);
}

void study_report_extras(FILE *fp, const study_state *r)
{
    (void)fp;
    (void)r;
}
