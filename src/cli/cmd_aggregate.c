/* aggregate: streams Open DAMIR files into exact per-group sums and counts. */
#include <stdio.h>
#include <unistd.h>

#include "damirstat/aggcmd.h"
#include "cmd_impl.h"

int cmd_aggregate(int argc, char **argv, ds_err *err)
{
    aggcmd_opts o;
    int rc = aggcmd_parse(argc, argv, &o, err);
    if (rc == AGGCMD_LIST)
        aggcmd_list_measures(stdout);
    if (rc > 0) {
        aggcmd_free(&o);
        return rc == AGGCMD_LIST ? DS_OK : cli_finish(&aggcmd_cli, rc);
    }
    query_t *q = NULL;
    if (rc == DS_OK) {
        o.threads = job_threads(o.threads);
        rc = aggcmd_query(&o, &q, err);
    }
    if (rc) {
        aggcmd_free(&o);
        return rc;
    }
    job_opts jo = {.threads = o.threads, .progress = o.progress, .skip_bad = o.skip_bad};
    job_result res;
    rc = job_run(q, o.files, o.nfiles, &jo, &res, err);
    if (rc == DS_OK)
        rc = aggcmd_output(&o, q, &res, err);
    agg_free(res.agg);
    query_free(q);
    aggcmd_free(&o);
    return rc;
}
