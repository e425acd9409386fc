#include "damirstat/suggest.h"

#include <string.h>

#include "t.h"

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

TEST(test_suggest_distance_counts_a_swap_as_one)
{
    /* Levenshtein's classic pair; OSA's own: "ca" -> "abc" is 3 (true Damerau gives 2) */
    CHECK(suggest_distance("kitten", "sitting") == 3, "kitten");
    CHECK(suggest_distance("ca", "abc") == 3, "ca/abc");
    CHECK(suggest_distance("methd", "method") == 1, "deletion");
    CHECK(suggest_distance("fti", "fit") == 1, "swap");
    CHECK(suggest_distance("", "abc") == 3, "empty");
    CHECK(suggest_distance("same", "same") == 0, "same");
    CHECK(suggest_distance("ben_res_reg", "BEN_RES_REG") == 0, "case folded");
}

TEST(test_suggest_only_likely_typos)
{
    const char *cmds[] = {"table", "aggregate", "merge", "gen", "join", "derive",
                          "fit", "corr", "moran", "plot", "run"};
    size_t n = sizeof cmds / sizeof cmds[0];
    CHECK_STR(suggest_near("agregate", cmds, n), "aggregate");
    CHECK_STR(suggest_near("tabel", cmds, n), "table");
    CHECK_STR(suggest_near("jion", cmds, n), "join");
    CHECK_STR(suggest_near("Join", cmds, n), "join");
    CHECK(suggest_near("join", cmds, n) == NULL, "an exact name is not a suggestion");
    CHECK(suggest_near("frobnicate", cmds, n) == NULL, "frobnicate");
    CHECK(suggest_near("x", cmds, n) == NULL, "x");
    const char *xy[] = {"x", "y"};
    CHECK(suggest_near("z", xy, 2) == NULL, "one letter is not a typo of another");
}

TEST(test_suggest_hint_lists_few_names_in_order_and_many_by_closeness)
{
    char buf[400];
    const char *few[] = {"dep", "nom", "population"};
    CHECK_STR(suggest_hint(buf, sizeof buf, "populaton", few, 3, "columns", 1),
              ": did you mean 'population'? (columns: 'dep', 'nom', 'population')");
    CHECK_STR(suggest_hint(buf, sizeof buf, "zzz", few, 3, "columns", 0),
              " (columns: dep, nom, population)");
    /* the 13 first columns of an Open DAMIR header: BEN_RES_REG is 3 substitutions from
     * BEN_RES_DPT, too far for a typo but the closest of them (BEN_SEX_COD is 5) */
    const char *damir[] = {"FLX_ANN_MOI", "ORG_CLE_REG", "AGE_BEN_SNDS", "BEN_RES_REG",
                           "BEN_CMU_TOP", "BEN_QLT_COD", "BEN_SEX_COD", "DDP_SPE_COD",
                           "ETE_CAT_SNDS", "ETE_REG_COD", "ETE_TYP_SNDS", "ETP_REG_COD",
                           "ETP_CAT_SNDS"};
    suggest_hint(buf, sizeof buf, "BEN_RES_DPT", damir, 13, "columns", 0);
    CHECK(starts_with(buf, " (13 columns; the closest: BEN_RES_REG, BEN_SEX_COD, "), "got %s", buf);
    suggest_hint(buf, sizeof buf, "BEN_RES_RGE", damir, 13, "columns", 0);
    CHECK(starts_with(buf, ": did you mean BEN_RES_REG? (13 columns; the closest: BEN_RES_REG, "),
          "got %s", buf);
    CHECK(strstr(buf, ", …)") != NULL, "cut with an ellipsis: %s", buf);
    CHECK_STR(suggest_hint(buf, sizeof buf, "x", NULL, 0, "columns", 0), "");
}
