/* measure: the one table of named measures (see measure.h for the codes and their labels). */
#include "damirstat/measure.h"

#include <stdio.h>
#include <string.h>

#include "damirstat/err.h"
#include "damirstat/suggest.h"

#define NAT_V "SNDS IR_NAT_V (CNAM nature of service codes)"
#define LEXIQUE "CNAM Lexique open-DAMIR"
#define SPENT "PRS_PAI_MNT \"Montant de la Dépense\""
#define PAID "PRS_REM_MNT \"Montant Versé/Remboursé\""

static const measure measures[] = {
    {"gp-visits", "GP consultations and home visits: acts (PRS_ACT_QTE)", MEASURE_GP_WHERE,
     "PRS_ACT_QTE", NAT_V " 1109 GS, 1110 G, 1111 C, 1209 VGS, 1210 VG, 1211 V; "
     "PSE_SPE_SNDS 1 general medicine (" LEXIQUE ")"},
    {"gp-spending", "GP consultations and home visits: amount spent and amount reimbursed, "
     "euros", MEASURE_GP_WHERE, "PRS_PAI_MNT,PRS_REM_MNT", NAT_V " (the codes of gp-visits)"},
    {"gp-teleconsultations", "teleconsultations by GPs: acts (PRS_ACT_QTE)",
     "PRS_NAT = 1192 and PSE_SPE_SNDS = 1", "PRS_ACT_QTE",
     NAT_V " 1192 TCG TELECONSULTATION GENERALISTE"},
    {"all-spending", "every service: amount spent and amount reimbursed, euros", NULL,
     "PRS_PAI_MNT,PRS_REM_MNT", LEXIQUE ": " SPENT ", " PAID},
    {"out-of-pocket", "every service: amount spent less the compulsory scheme's "
     "reimbursement (left to the patient or a complementary insurer), euros", NULL,
     "PRS_PAI_MNT - PRS_REM_MNT as out_of_pocket", LEXIQUE ": " SPENT ", " PAID},
    {"extra-fees", "every service: fees above the reimbursement base (dépassements), euros",
     NULL, "PRS_DEP_MNT", LEXIQUE ": PRS_DEP_MNT \"Montant du Dépassement\""},
};

size_t measure_count(void)
{
    return sizeof measures / sizeof measures[0];
}

const measure *measure_get(size_t i)
{
    return i < measure_count() ? &measures[i] : NULL;
}

const measure *measure_find(const char *name)
{
    for (size_t i = 0; i < measure_count(); i++)
        if (strcmp(measures[i].name, name) == 0)
            return &measures[i];
    return NULL;
}

char *measure_where(const measure *m, const char *where)
{
    if (!m->where || !where)
        return m->where || where ? xstrdup(m->where ? m->where : where) : NULL;
    size_t len = strlen(m->where) + strlen(where) + 16;
    char *both = xmalloc(len);
    snprintf(both, len, "(%s) and (%s)", m->where, where);
    return both;
}

const measure *measure_find_hint(const char *name, char *hint, size_t size)
{
    const measure *m = measure_find(name);
    if (!m) {
        const char *names[sizeof measures / sizeof measures[0]];
        for (size_t i = 0; i < measure_count(); i++)
            names[i] = measures[i].name;
        suggest_hint(hint, size, name, names, measure_count(), "measures", 1);
    }
    return m;
}
