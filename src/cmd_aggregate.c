/* Placeholder until the aggregate command lands; replaced by its own implementation. */
#include "damirstat/cmd.h"

int cmd_aggregate(int argc, char **argv, ds_err *err)
{
    (void)argc;
    (void)argv;
    return ds_err_set(err, DS_EUSAGE, "aggregate: not built yet");
}
