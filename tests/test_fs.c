#include "damirstat/fs.h"

#include <stdlib.h>

#include "t.h"

static int same(char *got, const char *want)
{
    int ok = got && strcmp(got, want) == 0;
    if (!ok)
        fprintf(stderr, "got '%s', want '%s'\n", got ? got : "(null)", want);
    free(got);
    return ok;
}

TEST(test_fs_dirname_and_join_keep_paths_as_written)
{
    /* the folder of a study, as study_path searches it (docs/study-format.md, "Paths") */
    CHECK(same(fs_dirname("studies/x.study"), "studies"), "relative");
    CHECK(same(fs_dirname("x.study"), "."), "bare name");
    CHECK(same(fs_dirname("studies"), "."), "parent of a folder");
    CHECK(same(fs_dirname("/usr/share/damirstat/studies/"), "/usr/share/damirstat"), "slash");
    CHECK(same(fs_dirname("/x.study"), "/"), "root");
    CHECK(same(fs_dirname("."), ".."), "dot");
    CHECK(same(fs_dirname("../.."), "../../.."), "dot dot");
    CHECK(same(fs_join(".", "external-data/a.csv"), "external-data/a.csv"), "dot joins bare");
    CHECK(same(fs_join("studies/", "a"), "studies/a"), "one slash");
    CHECK(same(fs_join("studies", "/abs"), "/abs"), "absolute stays");
    CHECK(same(fs_join(NULL, "a"), "a"), "no folder");
}
