#include "damirstat/genrow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

/* The header of the real file A202501 (Open DAMIR, CNAM, Licence Ouverte), byte for byte;
 * department mode inserts BEN_RES_DPT right after BEN_RES_REG. */
static const char header_region[] =
    "FLX_ANN_MOI;ORG_CLE_REG;AGE_BEN_SNDS;BEN_RES_REG;BEN_CMU_TOP;BEN_QLT_COD;BEN_SEX_COD;"
    "DDP_SPE_COD;ETE_CAT_SNDS;ETE_REG_COD;ETE_TYP_SNDS;ETP_REG_COD;ETP_CAT_SNDS;MDT_TYP_COD;"
    "MFT_COD;PRS_FJH_TYP;PRS_ACT_COG;PRS_ACT_NBR;PRS_ACT_QTE;PRS_DEP_MNT;PRS_PAI_MNT;"
    "PRS_REM_BSE;PRS_REM_MNT;FLT_ACT_COG;FLT_ACT_NBR;FLT_ACT_QTE;FLT_PAI_MNT;FLT_DEP_MNT;"
    "FLT_REM_MNT;SOI_ANN;SOI_MOI;ASU_NAT;ATT_NAT;CPL_COD;CPT_ENV_TYP;DRG_AFF_NAT;ETE_IND_TAA;"
    "EXO_MTF;MTM_NAT;PRS_NAT;PRS_PPU_SEC;PRS_REM_TAU;PRS_REM_TYP;PRS_PDS_QCP;EXE_INS_REG;"
    "PSE_ACT_SNDS;PSE_ACT_CAT;PSE_SPE_SNDS;PSE_STJ_SNDS;PRE_INS_REG;PSP_ACT_SNDS;PSP_ACT_CAT;"
    "PSP_SPE_SNDS;PSP_STJ_SNDS;TOP_PS5_TRG;ETB_DCS_MCO;\n";
static const char header_dept[] =
    "FLX_ANN_MOI;ORG_CLE_REG;AGE_BEN_SNDS;BEN_RES_REG;BEN_RES_DPT;BEN_CMU_TOP;BEN_QLT_COD;"
    "BEN_SEX_COD;DDP_SPE_COD;ETE_CAT_SNDS;ETE_REG_COD;ETE_TYP_SNDS;ETP_REG_COD;ETP_CAT_SNDS;"
    "MDT_TYP_COD;MFT_COD;PRS_FJH_TYP;PRS_ACT_COG;PRS_ACT_NBR;PRS_ACT_QTE;PRS_DEP_MNT;"
    "PRS_PAI_MNT;PRS_REM_BSE;PRS_REM_MNT;FLT_ACT_COG;FLT_ACT_NBR;FLT_ACT_QTE;FLT_PAI_MNT;"
    "FLT_DEP_MNT;FLT_REM_MNT;SOI_ANN;SOI_MOI;ASU_NAT;ATT_NAT;CPL_COD;CPT_ENV_TYP;DRG_AFF_NAT;"
    "ETE_IND_TAA;EXO_MTF;MTM_NAT;PRS_NAT;PRS_PPU_SEC;PRS_REM_TAU;PRS_REM_TYP;PRS_PDS_QCP;"
    "EXE_INS_REG;PSE_ACT_SNDS;PSE_ACT_CAT;PSE_SPE_SNDS;PSE_STJ_SNDS;PRE_INS_REG;PSP_ACT_SNDS;"
    "PSP_ACT_CAT;PSP_SPE_SNDS;PSP_STJ_SNDS;TOP_PS5_TRG;ETB_DCS_MCO;\n";

const char *genrow_header(int with_dept)
{
    return with_dept ? header_dept : header_region;
}

/* ---- Code palettes: {code, weight}. Codes from the SNDS / Open DAMIR nomenclatures
 * (indsante/schema-snds); weights are rough shares chosen to look like the real sample
 * lines, not published figures. */

struct choice {
    int code;
    double weight;
};

#define N_(a) (sizeof(a) / sizeof((a)[0]))

static const struct choice age_pal[] = {{0, 18},  {20, 9},  {30, 11}, {40, 12}, {50, 14},
                                        {60, 14}, {70, 12}, {80, 9},  {99, 0.2}};
static const struct choice sex_pal[] = {{1, 44.9}, {2, 55}, {9, 0.1}};
static const struct choice qlt_adult_pal[] = {{1, 92}, {2, 5}, {3, 3}};
static const struct choice qlt_child_pal[] = {{3, 70}, {1, 28}, {2, 2}};
static const struct choice top_pal[] = {{1, 55}, {9, 42}, {0, 3}};
static const struct choice exo_pal[] = {{0, 62}, {41, 14}, {42, 8}, {43, 4},
                                        {20, 6}, {21, 4},  {11, 2}};
static const struct choice drg_pal[] = {{35, 55}, {11, 30}, {36, 10}, {21, 5}};
static const struct choice asu_pal[] = {{10, 95}, {30, 3}, {40, 2}};
static const struct choice stj_pal[] = {{1, 85}, {2, 8}, {9, 6}, {8, 1}};
static const struct choice pds_doctor_pal[] = {{3, 45}, {7, 15}, {13, 10}, {22, 5},
                                               {23, 5}, {31, 15}, {33, 5}};
static const struct choice lag_pal[] = {{0, 70}, {1, 18}, {2, 5},  {3, 2}, {4, 1.5},
                                        {5, 1},  {6, 1},  {9, 0.8}, {12, 0.7}};
/* The gp-visits measure's codes (measure.h), weighted: from 2017, then before 2017. */
static const struct choice gp_nat_2017_pal[] = {{1110, 60}, {1109, 20}, {1111, 8},
                                                 {1210, 6},  {1209, 3},  {1211, 3}};
static const struct choice gp_nat_old_pal[] = {{1111, 93}, {1211, 7}};
static const struct choice specialist_pal[] = {
    {3, 10}, {5, 6}, {6, 12}, {7, 10}, {8, 5},  {11, 5}, {12, 6}, {13, 3}, {14, 4}, {15, 12},
    {2, 5},  {4, 4}, {9, 2},  {18, 1}, {31, 1}, {32, 3}, {33, 7}, {34, 1}, {35, 1}, {42, 2}};
static const struct choice prescriber_pal[] = {{1, 65}, {0, 12}, {3, 3}, {7, 3}, {12, 3},
                                               {15, 3}, {33, 3}, {5, 2}, {6, 2}, {14, 2},
                                               {42, 2}};
static const struct choice region_pal[] = {{11, 18}, {24, 4}, {27, 4}, {28, 5}, {32, 9},
                                           {44, 8},  {52, 6}, {53, 5}, {75, 9}, {76, 9},
                                           {84, 12}, {93, 8}, {5, 3}};
static const struct choice etp_cat_pal[] = {{1101, 30}, {1102, 35}, {1110, 20},
                                            {2205, 5},  {2206, 5},  {4106, 5}};
static const struct choice ete_cat_pal[] = {{1101, 25}, {1102, 35}, {1110, 25},
                                            {1111, 5},  {1106, 5},  {1103, 5}};
static const struct choice ete_typ_pal[] = {{1, 60}, {2, 15}, {4, 25}};
static const struct choice mdt_pal[] = {{1, 50}, {2, 40}, {3, 10}};
static const struct choice mft_pal[] = {{3, 40}, {4, 30}, {7, 30}};
static const struct choice taa_pal[] = {{0, 30}, {1, 50}, {2, 20}};
static const struct choice mco_pal[] = {{'M', 60}, {'C', 25}, {'X', 15}};
static const struct choice ddp_hosp_pal[] = {{0, 40}, {11, 15}, {12, 15},
                                             {21, 10}, {60, 10}, {30, 10}};
static const struct choice env_hosp_pal[] = {{2, 60}, {7, 40}};
static const struct choice nurse_cog_pal[] = {{100, 30}, {150, 25}, {200, 20}, {250, 15},
                                              {300, 10}};

/* PRS_NAT palettes of the background kinds (IR_NAT_V codes). */
static const struct choice nat_pharmacy[] = {{3312, 22}, {3313, 30}, {3311, 12}, {3341, 4},
                                             {3316, 4},  {3366, 6},  {3385, 10}, {3386, 12}};
static const struct choice nat_lab[] = {{3211, 1}};
static const struct choice nat_nurse[] = {{3111, 60}, {3112, 30}, {3116, 10}};
static const struct choice nat_physio[] = {{3122, 70}, {3125, 30}};
static const struct choice nat_spec_consult[] = {{1112, 60}, {1103, 10}, {1113, 9},
                                                 {1114, 8},  {1191, 8},  {1115, 5}};
static const struct choice nat_spec_tech[] = {{1324, 30}, {1351, 35}, {1352, 25}, {1321, 10}};
static const struct choice nat_gp_other[] = {{1125, 15}, {1116, 20}, {1932, 8}, {1903, 12},
                                             {1352, 20}, {1224, 8},  {1130, 7}, {1124, 5},
                                             {1521, 5}};
static const struct choice nat_dentist[] = {{1451, 45}, {1453, 15}, {1454, 20},
                                            {1464, 10}, {1423, 10}};
static const struct choice nat_device[] = {{3512, 30}, {3514, 25}, {3563, 15},
                                           {3550, 5},  {3551, 10}, {3514, 15}};
static const struct choice nat_franchise[] = {{1972, 55}, {1976, 30}, {1974, 5}, {1973, 10}};
static const struct choice nat_hospital[] = {{2250, 25}, {2156, 20}, {2111, 20},
                                             {1351, 15}, {3317, 10}, {1112, 10}};
static const struct choice nat_transport[] = {{4214, 40}, {4212, 30}, {4213, 25}, {4221, 5}};
static const struct choice nat_midwife[] = {{1911, 80}, {1168, 20}};
/* GP codes billed by other specialties: excluded by PSE_SPE_SNDS = 1, as they must be. */
static const struct choice nat_gp_code_other[] = {{1111, 70}, {1211, 10}, {1110, 20}};
static const struct choice spe_gp_code_other[] = {{12, 40}, {33, 20}, {34, 15}, {9, 25}};
static const struct choice spe_tech_pal[] = {{6, 45}, {3, 15}, {8, 10}, {4, 10},
                                             {15, 10}, {5, 10}};
static const struct choice spe_dentist_pal[] = {{0, 90}, {36, 10}};

enum palette {
    P_AGE, P_SEX, P_QLT_ADULT, P_QLT_CHILD, P_TOP, P_EXO, P_DRG, P_ASU, P_STJ, P_PDS_DOCTOR,
    P_LAG, P_GP_NAT_2017, P_GP_NAT_OLD, P_SPECIALIST, P_PRESCRIBER, P_REGION, P_ETP_CAT,
    P_ETE_CAT, P_ETE_TYP, P_MDT, P_MFT, P_TAA, P_MCO, P_DDP_HOSP, P_ENV_HOSP, P_NURSE_COG,
    P_NAT_PHARMACY, P_NAT_LAB, P_NAT_NURSE, P_NAT_PHYSIO, P_NAT_SPEC_CONSULT, P_NAT_SPEC_TECH,
    P_NAT_GP_OTHER, P_NAT_DENTIST, P_NAT_DEVICE, P_NAT_FRANCHISE, P_NAT_HOSPITAL,
    P_NAT_TRANSPORT, P_NAT_MIDWIFE, P_NAT_GP_CODE_OTHER, P_SPE_GP_CODE_OTHER, P_SPE_TECH,
    P_SPE_DENTIST, P_KIND, NPALETTES
};

static const struct {
    const struct choice *c;
    size_t n;
} palettes[NPALETTES - 1] = {
    [P_AGE] = {age_pal, N_(age_pal)},
    [P_SEX] = {sex_pal, N_(sex_pal)},
    [P_QLT_ADULT] = {qlt_adult_pal, N_(qlt_adult_pal)},
    [P_QLT_CHILD] = {qlt_child_pal, N_(qlt_child_pal)},
    [P_TOP] = {top_pal, N_(top_pal)},
    [P_EXO] = {exo_pal, N_(exo_pal)},
    [P_DRG] = {drg_pal, N_(drg_pal)},
    [P_ASU] = {asu_pal, N_(asu_pal)},
    [P_STJ] = {stj_pal, N_(stj_pal)},
    [P_PDS_DOCTOR] = {pds_doctor_pal, N_(pds_doctor_pal)},
    [P_LAG] = {lag_pal, N_(lag_pal)},
    [P_GP_NAT_2017] = {gp_nat_2017_pal, N_(gp_nat_2017_pal)},
    [P_GP_NAT_OLD] = {gp_nat_old_pal, N_(gp_nat_old_pal)},
    [P_SPECIALIST] = {specialist_pal, N_(specialist_pal)},
    [P_PRESCRIBER] = {prescriber_pal, N_(prescriber_pal)},
    [P_REGION] = {region_pal, N_(region_pal)},
    [P_ETP_CAT] = {etp_cat_pal, N_(etp_cat_pal)},
    [P_ETE_CAT] = {ete_cat_pal, N_(ete_cat_pal)},
    [P_ETE_TYP] = {ete_typ_pal, N_(ete_typ_pal)},
    [P_MDT] = {mdt_pal, N_(mdt_pal)},
    [P_MFT] = {mft_pal, N_(mft_pal)},
    [P_TAA] = {taa_pal, N_(taa_pal)},
    [P_MCO] = {mco_pal, N_(mco_pal)},
    [P_DDP_HOSP] = {ddp_hosp_pal, N_(ddp_hosp_pal)},
    [P_ENV_HOSP] = {env_hosp_pal, N_(env_hosp_pal)},
    [P_NURSE_COG] = {nurse_cog_pal, N_(nurse_cog_pal)},
    [P_NAT_PHARMACY] = {nat_pharmacy, N_(nat_pharmacy)},
    [P_NAT_LAB] = {nat_lab, N_(nat_lab)},
    [P_NAT_NURSE] = {nat_nurse, N_(nat_nurse)},
    [P_NAT_PHYSIO] = {nat_physio, N_(nat_physio)},
    [P_NAT_SPEC_CONSULT] = {nat_spec_consult, N_(nat_spec_consult)},
    [P_NAT_SPEC_TECH] = {nat_spec_tech, N_(nat_spec_tech)},
    [P_NAT_GP_OTHER] = {nat_gp_other, N_(nat_gp_other)},
    [P_NAT_DENTIST] = {nat_dentist, N_(nat_dentist)},
    [P_NAT_DEVICE] = {nat_device, N_(nat_device)},
    [P_NAT_FRANCHISE] = {nat_franchise, N_(nat_franchise)},
    [P_NAT_HOSPITAL] = {nat_hospital, N_(nat_hospital)},
    [P_NAT_TRANSPORT] = {nat_transport, N_(nat_transport)},
    [P_NAT_MIDWIFE] = {nat_midwife, N_(nat_midwife)},
    [P_NAT_GP_CODE_OTHER] = {nat_gp_code_other, N_(nat_gp_code_other)},
    [P_SPE_GP_CODE_OTHER] = {spe_gp_code_other, N_(spe_gp_code_other)},
    [P_SPE_TECH] = {spe_tech_pal, N_(spe_tech_pal)},
    [P_SPE_DENTIST] = {spe_dentist_pal, N_(spe_dentist_pal)},
};

/* ---- Background kinds. per_inhabitant is a rough yearly volume (units per inhabitant:
 * boxes, acts, days) that sizes the cells, so that a row stands for as many people as a
 * planted GP row does; price is the mean unit price in euros (lognormal, price_sdlog). */
enum kind {
    K_PHARMACY, K_LAB, K_NURSE, K_PHYSIO, K_SPEC_CONSULT, K_SPEC_TECH, K_GP_OTHER, K_DENTIST,
    K_DEVICE, K_FRANCHISE, K_HOSPITAL, K_TRANSPORT, K_MIDWIFE, K_GP_CODE_OTHER, NKINDS
};

struct kind_info {
    double share, per_inhabitant;
    int nat_palette;
    double price, price_sdlog;
    int pse_act, pse_cat; /* executing professional (PSE_ACT_SNDS, PSE_ACT_CAT) */
    int spe_palette;      /* -1: no specialty (0) */
    int prescribed;       /* prescriber differs from the executor */
    double overbill;      /* share of rows with PRS_DEP_MNT > 0 */
    int rate;             /* PRS_REM_TAU outside exemptions */
};

static const struct kind_info kinds[NKINDS] = {
    [K_PHARMACY] = {34, 40, P_NAT_PHARMACY, 9, 1.1, 50, 2, -1, 1, 0, 65},
    [K_LAB] = {7, 6, P_NAT_LAB, 9, 0.6, 30, 3, -1, 1, 0, 60},
    [K_NURSE] = {9, 18, P_NAT_NURSE, 6, 0.5, 24, 6, -1, 1, 0, 60},
    [K_PHYSIO] = {5, 6, P_NAT_PHYSIO, 16, 0.3, 26, 7, -1, 1, 0, 60},
    [K_SPEC_CONSULT] = {8, 2.6, P_NAT_SPEC_CONSULT, 35, 0.35, 0, 1, P_SPECIALIST, 0, 0.3, 70},
    [K_SPEC_TECH] = {5, 1.6, P_NAT_SPEC_TECH, 60, 0.8, 0, 1, P_SPE_TECH, 0, 0.2, 70},
    [K_GP_OTHER] = {6, 1.8, P_NAT_GP_OTHER, 6, 0.6, 0, 1, -1, 0, 0, 70},
    [K_DENTIST] = {4, 1.3, P_NAT_DENTIST, 35, 0.9, 19, 4, P_SPE_DENTIST, 0, 0.4, 60},
    [K_DEVICE] = {4, 2, P_NAT_DEVICE, 25, 1.0, 60, 2, -1, 1, 0.35, 60},
    [K_FRANCHISE] = {5, 30, P_NAT_FRANCHISE, 1, 0.3, 50, 2, -1, 1, 0, 100},
    [K_HOSPITAL] = {3, 0.6, P_NAT_HOSPITAL, 120, 1.2, 0, 0, -1, 1, 0, 80},
    [K_TRANSPORT] = {2, 0.6, P_NAT_TRANSPORT, 55, 0.5, 55, 99, -1, 1, 0, 65},
    [K_MIDWIFE] = {1, 0.15, P_NAT_MIDWIFE, 25, 0.4, 21, 5, -1, 0, 0, 70},
    [K_GP_CODE_OTHER] = {1, 0.1, P_NAT_GP_CODE_OTHER, 30, 0.3, 0, 1, P_SPE_GP_CODE_OTHER, 0,
                         0.1, 70},
};

/* Pharmacy rates follow the code (PH4 30 %, PH7 65 %, PH1 100 %, PH2 15 %). */
static int pharmacy_rate(int nat)
{
    switch (nat) {
    case 3312: case 3385: return 30;
    case 3311: case 3366: return 100;
    case 3341: return 15;
    default: return 65;
    }
}

/* ---- One row: every field of the 56 columns, in integers (money and coefficients in
 * hundredths). */

#define NBR_EMPTY INT64_MIN

struct row {
    int org_reg, age, res_reg, cmu, qlt, sex, ddp, ete_cat, ete_reg, ete_typ, etp_reg, etp_cat;
    int mdt, mft, fjh;
    int64_t cog, nbr, qte, dep, pai, bse, rem; /* cog and amounts in hundredths */
    int flt_copy;                              /* FLT_* = PRS_* (else zeros) */
    int soi_ann, soi_moi, asu, att, env, drg, taa, exo, mtm, nat, ppu, tau, rem_typ, pds;
    int exe_reg, pse_act, pse_cat, pse_spe, pse_stj, pre_reg, psp_act, psp_cat, psp_spe;
    int psp_stj, top;
    char mco;
    const char *dpt;
};

struct writer {
    const genrow_month *m;
    gsl_rng *rng;
    gsl_ran_discrete_t *pal[NPALETTES];
    double mean_cell[NKINDS]; /* mean units per row of each kind */
    char *buf;
    size_t len, cap;
};

static int pick(struct writer *w, enum palette p)
{
    size_t i = gsl_ran_discrete(w->rng, w->pal[p]);
    return p == P_KIND ? (int)i : palettes[p].c[i].code;
}

static int chance(struct writer *w, double p)
{
    return gsl_ran_bernoulli(w->rng, p) != 0;
}

static int64_t round_div100(int64_t x, int rate_hundredths)
{
    /* x * rate / 10000 rounded half away from zero: rates are in hundredths of a percent */
    int64_t num = x * rate_hundredths;
    return num >= 0 ? (num + 5000) / 10000 : -((-num + 5000) / 10000);
}

/* ---- Number formatting: the hot path, so no printf. */

static char *put_u64(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_i64(char *p, int64_t v)
{
    if (v < 0) {
        *p++ = '-';
        return put_u64(p, (uint64_t)0 - (uint64_t)v);
    }
    return put_u64(p, (uint64_t)v);
}

/* Open DAMIR drops the leading zero and trailing zeros of decimals: .81, -.57, 4.4, 30. */
static char *put_cents(char *p, int64_t cents)
{
    uint64_t a = (uint64_t)cents;
    if (cents < 0) {
        *p++ = '-';
        a = (uint64_t)0 - (uint64_t)cents;
    }
    uint64_t whole = a / 100, frac = a % 100;
    if (frac == 0)
        return put_u64(p, whole);
    if (whole)
        p = put_u64(p, whole);
    *p++ = '.';
    *p++ = (char)('0' + frac / 10);
    if (frac % 10)
        *p++ = (char)('0' + frac % 10);
    return p;
}

size_t genrow_format_cents(int64_t cents, char *out)
{
    char *end = put_cents(out, cents);
    *end = '\0';
    return (size_t)(end - out);
}

#define F_INT(p, v) (p = put_i64(p, (v)), *p++ = ';')
#define F_CENTS(p, v) (p = put_cents(p, (v)), *p++ = ';')

static char *format_codes(char *p, const struct row *r);

/* FLX_ANN_MOI … FLT_REM_MNT: the beneficiary, the establishments and the measures. */
static char *format_row(char *p, int flx, const struct row *r)
{
    F_INT(p, flx);
    F_INT(p, r->org_reg);
    F_INT(p, r->age);
    F_INT(p, r->res_reg);
    if (r->dpt) {
        for (const char *s = r->dpt; *s; s++)
            *p++ = *s;
        *p++ = ';';
    }
    F_INT(p, r->cmu);
    F_INT(p, r->qlt);
    F_INT(p, r->sex);
    F_INT(p, r->ddp);
    F_INT(p, r->ete_cat);
    F_INT(p, r->ete_reg);
    F_INT(p, r->ete_typ);
    F_INT(p, r->etp_reg);
    F_INT(p, r->etp_cat);
    F_INT(p, r->mdt);
    F_INT(p, r->mft);
    F_INT(p, r->fjh);
    for (int flt = 0; flt < 2; flt++) {
        int zero = flt && !r->flt_copy;
        F_CENTS(p, zero ? 0 : r->cog);
        if (r->nbr == NBR_EMPTY)
            *p++ = ';';
        else
            F_INT(p, zero ? 0 : r->nbr);
        F_INT(p, zero ? 0 : r->qte);
        if (!flt) { /* PRS_DEP_MNT;PRS_PAI_MNT;PRS_REM_BSE;PRS_REM_MNT */
            F_CENTS(p, r->dep);
            F_CENTS(p, r->pai);
            F_CENTS(p, r->bse);
            F_CENTS(p, r->rem);
        } else { /* FLT_PAI_MNT;FLT_DEP_MNT;FLT_REM_MNT */
            F_CENTS(p, zero ? 0 : r->pai);
            F_CENTS(p, zero ? 0 : r->dep);
            F_CENTS(p, zero ? 0 : r->rem);
        }
    }
    return format_codes(p, r);
}

/* SOI_ANN … ETB_DCS_MCO: the care date and the codes after the measures. */
static char *format_codes(char *p, const struct row *r)
{
    F_INT(p, r->soi_ann);
    *p++ = (char)('0' + r->soi_moi / 10);
    *p++ = (char)('0' + r->soi_moi % 10);
    *p++ = ';';
    F_INT(p, r->asu);
    F_INT(p, r->att);
    F_INT(p, 0); /* CPL_COD */
    F_INT(p, r->env);
    F_INT(p, r->drg);
    F_INT(p, r->taa);
    F_INT(p, r->exo);
    F_INT(p, r->mtm);
    F_INT(p, r->nat);
    F_INT(p, r->ppu);
    F_CENTS(p, r->tau);
    F_INT(p, r->rem_typ);
    F_INT(p, r->pds);
    F_INT(p, r->exe_reg);
    F_INT(p, r->pse_act);
    F_INT(p, r->pse_cat);
    F_INT(p, r->pse_spe);
    F_INT(p, r->pse_stj);
    F_INT(p, r->pre_reg);
    F_INT(p, r->psp_act);
    F_INT(p, r->psp_cat);
    F_INT(p, r->psp_spe);
    F_INT(p, r->psp_stj);
    F_INT(p, r->top);
    *p++ = r->mco;
    *p++ = ';';
    *p++ = '\n';
    return p;
}

/* ---- Filling rows. */

/* Beneficiary, residence and the regions around it; dept < 0 is an unknown residence. */
static void fill_person(struct writer *w, struct row *r, long dept)
{
    r->age = pick(w, P_AGE);
    r->sex = pick(w, P_SEX);
    r->qlt = pick(w, r->age == 0 ? P_QLT_CHILD : P_QLT_ADULT);
    r->res_reg = dept < 0 ? 99 : w->m->depts[dept].region;
    r->dpt = !w->m->with_dept ? NULL : dept < 0 ? "99" : w->m->depts[dept].code;
    double u = gsl_ran_flat(w->rng, 0, 1);
    r->org_reg = u < 0.75 ? r->res_reg : u < 0.95 ? 99 : pick(w, P_REGION);
    u = gsl_ran_flat(w->rng, 0, 1);
    r->exe_reg = u < 0.88 ? r->res_reg : u < 0.95 ? pick(w, P_REGION) : 99;
    r->pre_reg = r->exe_reg;
}

/* Fields that follow TOP_PS5_TRG in the real lines (9: outside the main perimeter, with
 * 99 / 9 "sans objet" codes), and the ambulatory defaults. */
static void fill_admin(struct writer *w, struct row *r, int top)
{
    r->top = top;
    r->ete_cat = 9999, r->ete_reg = 99, r->ete_typ = 99, r->etp_reg = 99, r->etp_cat = 9999;
    r->mdt = 9, r->mft = 99, r->taa = 9, r->ppu = 2, r->mco = 'Z', r->fjh = 0, r->pds = 31;
    r->asu = pick(w, P_ASU);
    r->att = r->asu == 40;
    if (top == 9) {
        r->cmu = 9, r->env = 9, r->drg = 99, r->exo = 99, r->mtm = 9, r->rem_typ = 99;
        r->ddp = 0;
    } else if (top == 1) {
        r->cmu = chance(w, 0.08);
        r->env = 1, r->drg = pick(w, P_DRG), r->exo = pick(w, P_EXO);
        r->mtm = chance(w, 0.05) ? 2 : 0;
        r->rem_typ = 0, r->ddp = 121;
    } else {
        r->cmu = 0, r->env = 7, r->drg = 36, r->exo = 42, r->mtm = 0, r->rem_typ = 5;
        r->ddp = 60;
    }
}

/* Care month = processing month minus a lag; a planted row stays in the processing year,
 * so that a SOI_ANN filter keeps every planted act. */
static void fill_care_date(struct writer *w, struct row *r, int same_year)
{
    int year = w->m->yyyymm / 100, month = w->m->yyyymm % 100;
    int lag = pick(w, P_LAG);
    if (same_year && lag > month - 1)
        lag = month - 1;
    int idx = year * 12 + (month - 1) - lag;
    r->soi_ann = idx / 12;
    r->soi_moi = idx % 12 + 1;
}

static int is_ald(int exo)
{
    return exo == 41 || exo == 42 || exo == 43;
}

static void fill_gp(struct writer *w, const genrow_gp *g, struct row *r)
{
    fill_person(w, r, (long)g->dept);
    fill_admin(w, r, 1);
    fill_care_date(w, r, 1);
    r->nat = pick(w, r->soi_ann >= 2017 ? P_GP_NAT_2017 : P_GP_NAT_OLD);
    r->qte = g->acts, r->cog = g->acts * 100, r->nbr = g->acts;
    r->pai = g->cents;
    r->dep = chance(w, 0.06) ? llround((double)g->cents * gsl_ran_flat(w->rng, 0.05, 0.3)) : 0;
    r->bse = r->pai - r->dep;
    r->tau = is_ald(r->exo) ? 10000 : 7000;
    r->rem = round_div100(r->bse, r->tau);
    r->pse_act = 0, r->pse_cat = 1, r->pse_spe = 1;
    r->pse_stj = chance(w, 0.94) ? 1 : 2;
    r->psp_act = 0, r->psp_cat = 1, r->psp_spe = 1, r->psp_stj = r->pse_stj;
    r->pds = pick(w, P_PDS_DOCTOR);
    r->flt_copy = 1;
}

/* Units in a cell: a third are tiny cells (1, 2, 3 …), the rest lognormal around the
 * kind's mean, so small amounts (.81) and big ones both occur. */
static int64_t cell_units(struct writer *w, enum kind k)
{
    if (chance(w, 0.3))
        return (int64_t)gsl_ran_geometric(w->rng, 0.5);
    double mean = w->mean_cell[k] / 0.7;
    if (mean < 1)
        mean = 1;
    double v = gsl_ran_lognormal(w->rng, log(mean) - 0.5, 1.0);
    return 1 + (int64_t)(v > 1e12 ? 1e12 : v);
}

static void fill_executor(struct writer *w, struct row *r, enum kind k)
{
    const struct kind_info *ki = &kinds[k];
    r->pse_act = ki->pse_act, r->pse_cat = ki->pse_cat;
    r->pse_spe = k == K_GP_OTHER ? 1 : ki->spe_palette >= 0 ? pick(w, ki->spe_palette) : 0;
    r->pse_stj = pick(w, P_STJ);
    if (k == K_FRANCHISE && r->nat == 1976)
        r->pse_act = 24, r->pse_cat = 6;
    else if (k == K_FRANCHISE && (r->nat == 1973 || r->nat == 1974))
        r->pse_act = 55, r->pse_cat = 99;
    if (ki->pse_cat == 1)
        r->pds = pick(w, P_PDS_DOCTOR);
    if (!ki->prescribed) {
        r->psp_act = r->pse_act, r->psp_cat = r->pse_cat, r->psp_spe = r->pse_spe;
        r->psp_stj = r->pse_stj;
        return;
    }
    r->psp_spe = pick(w, P_PRESCRIBER);
    r->psp_act = 0;
    r->psp_cat = r->psp_spe ? 1 : 0;
    r->psp_stj = r->psp_spe ? pick(w, P_STJ) : 9;
    if (chance(w, 0.3))
        r->pre_reg = 99;
    if (chance(w, 0.15))
        r->etp_reg = r->res_reg, r->etp_cat = pick(w, P_ETP_CAT);
}

static void fill_hospital(struct writer *w, struct row *r)
{
    r->ete_cat = pick(w, P_ETE_CAT);
    r->ete_reg = chance(w, 0.9) ? r->res_reg : pick(w, P_REGION);
    r->ete_typ = pick(w, P_ETE_TYP);
    r->ppu = r->ete_typ == 1 ? 1 : 2;
    r->mdt = pick(w, P_MDT), r->mft = pick(w, P_MFT), r->taa = pick(w, P_TAA);
    r->mco = (char)pick(w, P_MCO);
    r->ddp = pick(w, P_DDP_HOSP), r->env = pick(w, P_ENV_HOSP);
    r->exe_reg = 99, r->pre_reg = 99;
    r->pse_act = 0, r->pse_cat = 0, r->pse_spe = r->nat == 1351 ? 6 : 0, r->pse_stj = 2;
    r->psp_act = 0, r->psp_cat = 0, r->psp_spe = chance(w, 0.5), r->psp_stj = 2;
}

/* Quantities and money of a background row: cents of PRS_REM_BSE from a lognormal unit
 * price, overbilling on top, reimbursement at the rate (100 % for long-term illness). */
static void fill_amounts(struct writer *w, struct row *r, enum kind k)
{
    const struct kind_info *ki = &kinds[k];
    int64_t qty = cell_units(w, k);
    r->qte = qty, r->cog = qty * 100, r->nbr = qty;
    if (k == K_LAB) {
        r->cog = qty * (int64_t)gsl_ran_flat(w->rng, 20, 80) * 100;
        r->nbr = qty * (int64_t)gsl_ran_flat(w->rng, 1, 6);
    } else if (k == K_NURSE) {
        r->cog = qty * pick(w, P_NURSE_COG);
    }
    if ((k == K_PHARMACY || k == K_NURSE || k == K_DEVICE) && chance(w, 0.06))
        r->fjh = 8, r->nbr = NBR_EMPTY;
    else if (chance(w, 0.02))
        r->nbr = 0;
    int rate = k == K_PHARMACY ? pharmacy_rate(r->nat) : ki->rate;
    r->tau = (r->top == 1 && is_ald(r->exo)) ? 10000 : rate * 100;
    if (chance(w, 0.01))
        r->tau = (int)(gsl_ran_flat(w->rng, 30, 90) * 100);
    if (k == K_FRANCHISE) { /* a deduction: nothing spent, a negative reimbursement */
        int per_unit = r->soi_ann >= 2024 ? 100 : 50;
        r->dep = r->pai = r->bse = 0;
        r->rem = -qty * (r->nat == 1972 ? per_unit : 2 * per_unit);
        return;
    }
    double sd = ki->price_sdlog;
    double unit = gsl_ran_lognormal(w->rng, log(ki->price) - sd * sd / 2, sd);
    r->bse = llround((double)qty * unit * 100);
    r->dep = chance(w, ki->overbill) ? llround((double)r->bse * gsl_ran_flat(w->rng, 0.1, 0.6))
                                     : 0;
    r->pai = r->bse + r->dep;
    r->rem = round_div100(r->bse, r->tau);
}

static void fill_background(struct writer *w, struct row *r)
{
    enum kind k = (enum kind)pick(w, P_KIND);
    long dept = chance(w, 0.003) ? -1 : (long)gsl_ran_discrete(w->rng, w->m->residence);
    fill_person(w, r, dept);
    fill_admin(w, r, pick(w, P_TOP));
    fill_care_date(w, r, 0);
    r->nat = pick(w, kinds[k].nat_palette);
    fill_executor(w, r, k);
    if (k == K_HOSPITAL)
        fill_hospital(w, r);
    fill_amounts(w, r, k);
    r->flt_copy = r->top != 0 && chance(w, 0.88);
    if (chance(w, 0.02)) { /* a regularisation: every measure negated */
        r->qte = -r->qte, r->cog = -r->cog;
        if (r->nbr != NBR_EMPTY)
            r->nbr = -r->nbr;
        r->dep = -r->dep, r->pai = -r->pai, r->bse = -r->bse, r->rem = -r->rem;
    }
}

static void writer_free(struct writer *w)
{
    for (int p = 0; p < NPALETTES; p++)
        gsl_ran_discrete_free(w->pal[p]);
    gsl_rng_free(w->rng);
    free(w->buf);
}

static int writer_init(struct writer *w, const genrow_month *m, ds_err *err)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!w->rng)
        return ds_err_set(err, DS_EIO, "gen: out of memory for the random generator");
    gsl_rng_set(w->rng, m->seed);
    double weights[64];
    for (int p = 0; p < NPALETTES; p++) {
        size_t n = p == P_KIND ? NKINDS : palettes[p].n;
        for (size_t i = 0; i < n; i++)
            weights[i] = p == P_KIND ? kinds[i].share : palettes[p].c[i].weight;
        w->pal[p] = gsl_ran_discrete_preproc(n, weights);
        if (!w->pal[p]) {
            writer_free(w);
            return ds_err_set(err, DS_EIO, "gen: cannot build palette %d", p);
        }
    }
    double total_share = 0;
    for (int k = 0; k < NKINDS; k++)
        total_share += kinds[k].share;
    double bg_rows = m->rows > m->ngp ? (double)(m->rows - m->ngp) : 1;
    for (int k = 0; k < NKINDS; k++) {
        double rows_k = bg_rows * kinds[k].share / total_share;
        w->mean_cell[k] = kinds[k].per_inhabitant * m->inhabitants / 12 / rows_k;
    }
    w->cap = (size_t)1 << 20;
    w->buf = xmalloc(w->cap);
    return DS_OK;
}

int genrow_write_month(const genrow_month *m, genrow_sink sink, void *ctx, ds_err *err)
{
    if (m->ngp > m->rows)
        return ds_err_set(err, DS_EUSAGE, "gen: %zu planted rows do not fit in %llu rows",
                          m->ngp, (unsigned long long)m->rows);
    struct writer w;
    int rc = writer_init(&w, m, err);
    if (rc)
        return rc;
    const char *h = genrow_header(m->with_dept);
    w.len = strlen(h);
    memcpy(w.buf, h, w.len);
    uint64_t left = m->rows, gp_left = m->ngp;
    struct row r;
    while (left > 0) {
        memset(&r, 0, sizeof r);
        /* selection sampling: the planted rows land at uniformly random places */
        if (gp_left && chance(&w, (double)gp_left / (double)left)) {
            fill_gp(&w, &m->gp[m->ngp - gp_left], &r);
            gp_left--;
        } else {
            fill_background(&w, &r);
        }
        left--;
        w.len = (size_t)(format_row(w.buf + w.len, m->yyyymm, &r) - w.buf);
        if (w.cap - w.len < GENROW_LINE_MAX || left == 0) {
            rc = sink(ctx, w.buf, w.len, err);
            w.len = 0;
            if (rc)
                break;
        }
    }
    if (!rc && w.len)
        rc = sink(ctx, w.buf, w.len, err);
    writer_free(&w);
    return rc;
}
