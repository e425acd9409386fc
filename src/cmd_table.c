/* Placeholder until the table command lands; replaced by its own implementation. */
#include "damirstat/cmd.h"

int cmd_table(int argc, char **argv, ds_err *err)
{
    (void)argc;
    (void)argv;
    return ds_err_set(err, DS_EUSAGE, "table: not built yet");
}
