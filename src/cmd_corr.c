/* Placeholder until the corr command lands; replaced by its own implementation. */
#include "damirstat/cmd.h"

int cmd_corr(int argc, char **argv, ds_err *err)
{
    (void)argc;
    (void)argv;
    return ds_err_set(err, DS_EUSAGE, "corr: not built yet");
}
