#include "damirstat/err.h"
#include "damirstat/out.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "t.h"

TEST(test_err_keeps_the_first_message)
{
    ds_err err;
    ds_err_clear(&err);
    CHECK(ds_err_set(&err, DS_EDATA, "a.csv:%d:%d: expected a number", 3, 7) == DS_EDATA, "code");
    ds_err_set(&err, DS_EIO, "later");
    CHECK_STR(err.msg, "a.csv:3:7: expected a number");
    CHECK(err.code == DS_EDATA, "code %d", err.code);
}

TEST(test_err_codes_map_to_documented_exit_statuses)
{
    CHECK(ds_exit_status(DS_OK) == 0, "ok");
    CHECK(ds_exit_status(DS_EDATA) == 1, "data");
    CHECK(ds_exit_status(DS_EUSAGE) == 2, "usage");
    CHECK(ds_exit_status(DS_EIO) == 3, "io");
}

TEST(test_out_commit_renames_and_abort_leaves_nothing)
{
    char path[4096], cmd[4200];
    snprintf(path, sizeof path, "%s/result.csv", t_tmpdir());
    ds_err err;
    ds_err_clear(&err);
    out_t *o;
    CHECK(out_open(path, &o, &err) == DS_OK, "%s", err.msg);
    fputs("a,b\n", out_stream(o));
    struct stat st;
    CHECK(stat(path, &st) != 0, "target must not exist before commit");
    out_abort(o);
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", t_tmpdir());
    CHECK(system(cmd) == 0, "abort left a file behind");
    CHECK(out_open(path, &o, &err) == DS_OK, "%s", err.msg);
    fputs("a,b\n", out_stream(o));
    CHECK(out_commit(o, &err) == DS_OK, "%s", err.msg);
    CHECK(stat(path, &st) == 0 && st.st_size == 4, "committed file");
}

TEST(test_out_unwritable_folder_is_an_io_error)
{
    ds_err err;
    ds_err_clear(&err);
    out_t *o;
    CHECK(out_open("/nonexistent-dir/x.csv", &o, &err) == DS_EIO, "code");
    CHECK(strstr(err.msg, "/nonexistent-dir/x.csv") != NULL, "%s", err.msg);
}

TEST(test_out_result_gets_the_umask_mode_not_0600)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/mode.csv", t_tmpdir());
    mode_t old = umask(022);
    ds_err err;
    ds_err_clear(&err);
    out_t *o;
    CHECK(out_open(path, &o, &err) == DS_OK, "%s", err.msg);
    fputs("x\n", out_stream(o));
    CHECK(out_commit(o, &err) == DS_OK, "%s", err.msg);
    umask(old);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "mode %o", st.st_mode & 0777);
}
