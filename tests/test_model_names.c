/* The one table of method and SE names: every spelling the command line, study files and
 * reports used before it (cmd_fit's --method/--se help, study_run's lists, report_text's
 * "HC3") is found there, by name and by value, and lists read as the help text does. */
#include "damirstat/model.h"
#include "t.h"

TEST(test_model_names_round_trip_by_name_and_value)
{
    static const char *const methods[] = {"ols", "huber", "bisquare"};
    static const model_method mvals[] = {MODEL_OLS, MODEL_HUBER, MODEL_BISQUARE};
    static const char *const ses[] = {"classical", "hc0", "hc1", "hc2", "hc3"};
    static const char *const labels[] = {"classical", "HC0", "HC1", "HC2", "HC3"};
    static const model_se svals[] = {MODEL_SE_CLASSICAL, MODEL_SE_HC0, MODEL_SE_HC1,
                                     MODEL_SE_HC2, MODEL_SE_HC3};
    for (size_t i = 0; i < 3; i++) {
        model_method m = MODEL_OLS;
        CHECK(model_method_parse(methods[i], &m) == 0 && m == mvals[i], "%s", methods[i]);
        CHECK(strcmp(model_method_name(mvals[i]), methods[i]) == 0, "name of %zu", i);
        const model_name *e = model_name_of(MODEL_NAMES_METHOD, (int)mvals[i]);
        CHECK(e && e->description && *e->description, "description of %s", methods[i]);
    }
    for (size_t i = 0; i < 5; i++) {
        model_se se = MODEL_SE_CLASSICAL;
        CHECK(model_se_parse(ses[i], &se) == 0 && se == svals[i], "%s", ses[i]);
        CHECK(strcmp(model_se_name(svals[i]), ses[i]) == 0, "name of %zu", i);
        CHECK(strcmp(model_se_label(svals[i]), labels[i]) == 0, "label of %zu", i);
    }
}

TEST(test_model_names_refuse_other_spellings_and_sets)
{
    model_method m = MODEL_HUBER;
    model_se se = MODEL_SE_HC1;
    CHECK(model_method_parse("OLS", &m) == -1 && m == MODEL_HUBER, "names are lower case");
    CHECK(model_se_parse("HC3", &se) == -1 && se == MODEL_SE_HC1, "the label is not a name");
    CHECK(model_method_parse("hc3", &m) == -1, "an SE kind is not a method");
    CHECK(model_se_parse("ols", &se) == -1, "a method is not an SE kind");
    CHECK(model_name_find(MODEL_NAMES_SE, "") == NULL, "empty");
    CHECK(model_name_of(MODEL_NAMES_METHOD, 3) == NULL, "a value outside the set");
}

TEST(test_model_names_list_reads_as_the_help_text)
{
    char buf[128];
    model_name_list(MODEL_NAMES_METHOD, buf, sizeof buf);
    CHECK(strcmp(buf, "ols, huber or bisquare") == 0, "methods: '%s'", buf);
    model_name_list(MODEL_NAMES_SE, buf, sizeof buf);
    CHECK(strcmp(buf, "classical, hc0, hc1, hc2, hc3, cr1, cr2 or conley") == 0, "se: '%s'",
          buf);
    char small[8];
    model_name_list(MODEL_NAMES_SE, small, sizeof small);
    CHECK(strcmp(small, "classic") == 0, "cut to the buffer: '%s'", small);
}
