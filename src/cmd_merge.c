/* Placeholder until the merge command lands; replaced by its own implementation. */
#include "damirstat/cmd.h"

int cmd_merge(int argc, char **argv, ds_err *err)
{
    (void)argc;
    (void)argv;
    return ds_err_set(err, DS_EUSAGE, "merge: not built yet");
}
