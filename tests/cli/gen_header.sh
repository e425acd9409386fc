# Line 1 is the header of the real A202501 (Open DAMIR, CNAM, Licence Ouverte; published in
# jessicafalcon/docgap fixtures/damir/A202501.csv), and --geo dept inserts BEN_RES_DPT after
# BEN_RES_REG; every line has 57 `;`-separated fields (56 + the trailing `;`).
. ./gen_lib.inc
set -e
real='FLX_ANN_MOI;ORG_CLE_REG;AGE_BEN_SNDS;BEN_RES_REG;BEN_CMU_TOP;BEN_QLT_COD;BEN_SEX_COD;DDP_SPE_COD;ETE_CAT_SNDS;ETE_REG_COD;ETE_TYP_SNDS;ETP_REG_COD;ETP_CAT_SNDS;MDT_TYP_COD;MFT_COD;PRS_FJH_TYP;PRS_ACT_COG;PRS_ACT_NBR;PRS_ACT_QTE;PRS_DEP_MNT;PRS_PAI_MNT;PRS_REM_BSE;PRS_REM_MNT;FLT_ACT_COG;FLT_ACT_NBR;FLT_ACT_QTE;FLT_PAI_MNT;FLT_DEP_MNT;FLT_REM_MNT;SOI_ANN;SOI_MOI;ASU_NAT;ATT_NAT;CPL_COD;CPT_ENV_TYP;DRG_AFF_NAT;ETE_IND_TAA;EXO_MTF;MTM_NAT;PRS_NAT;PRS_PPU_SEC;PRS_REM_TAU;PRS_REM_TYP;PRS_PDS_QCP;EXE_INS_REG;PSE_ACT_SNDS;PSE_ACT_CAT;PSE_SPE_SNDS;PSE_STJ_SNDS;PRE_INS_REG;PSP_ACT_SNDS;PSP_ACT_CAT;PSP_SPE_SNDS;PSP_STJ_SNDS;TOP_PS5_TRG;ETB_DCS_MCO;'
if [ -f "$FIXTURES/open-damir/A202501-head.csv" ]; then
    test "$(head -1 "$FIXTURES/open-damir/A202501-head.csv")" = "$real"
fi
"$DS" gen --seed 3 --rows 2000 --months 202401 -o "$TMP/r" $TABLES
"$DS" gen --seed 3 --rows 2000 --months 202401 --geo dept -o "$TMP/d" $TABLES
test "$(head -1 "$TMP/r/A202401.csv")" = "$real"
test "$(head -1 "$TMP/d/A202401.csv")" = "$(echo "$real" | sed 's/BEN_RES_REG;/BEN_RES_REG;BEN_RES_DPT;/')"
awk -F';' 'NF != 57 || $57 != "" { print FILENAME ":" FNR ": " NF " fields"; bad = 1 } END { exit bad }' "$TMP/r/A202401.csv"
awk -F';' 'NF != 58 || $58 != "" { print FILENAME ":" FNR ": " NF " fields"; bad = 1 } END { exit bad }' "$TMP/d/A202401.csv"
# the real quirks occur: decimals without a leading zero, negative ones, empty PRS_ACT_NBR
grep -q ';\.[0-9][0-9]*;' "$TMP/r/A202401.csv"
grep -q ';-\.[0-9][0-9]*;' "$TMP/r/A202401.csv"
awk -F';' 'FNR > 1 && $18 == "" { found = 1 } END { exit !found }' "$TMP/r/A202401.csv"
awk -F';' 'FNR > 1 && $23 ~ /^-/ { found = 1 } END { exit !found }' "$TMP/r/A202401.csv"
