/* Placeholder until the derive command lands; replaced by its own implementation. */
#include "damirstat/cmd.h"

int cmd_derive(int argc, char **argv, ds_err *err)
{
    (void)argc;
    (void)argv;
    return ds_err_set(err, DS_EUSAGE, "derive: not built yet");
}
