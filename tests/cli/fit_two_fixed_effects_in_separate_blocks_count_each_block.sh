# fit: two absorbed fixed effects whose levels fall into separate blocks (firms A, B only in years
# 1-3; C, D only in years 4-6) have one redundant level per block, not one in all: the
# dummies take 4 + 6 - 2 = 8 parameters, not 9. damirstat counted 9, so the residual df
# was 2 and the slope's SE 0.1786 (p = 0.0118) where lm gives 3 df, 0.14586, p = 0.00153.
# R 4.2:
#   d <- read.csv("blk.csv"); m <- lm(y ~ x + factor(firm) + factor(year), d)
#   summary(m)$coef["x", ]  # 1.63098591549296 0.14586364115780 11.18157960782400 0.00153318884226
#   summary(m)$df           # 9 3 10;  summary(m)$sigma 0.224396251353
#   summary(m)$fstat        # 167.901355 on 8 and 3;  R2 0.9977715229, adj 0.9918289174
#   logLik(m) 9.222605 (df=10); AIC 1.554789007, BIC 6.403855505
# A third fixed effect that a finer one is nested in (block, which each firm lies within, as
# a region beside departments) adds no parameter: lm(y ~ x + factor(firm) + factor(year) +
# factor(block), d) aliases it and gives the same numbers; damirstat counted its levels.
#   summary(lm(y ~ x + factor(block) + factor(firm), d))$df  # 5 7 6, sigma 0.2346402
# Clustered by firm, CR1's k is fixest's nested rule: firm (nested) drops out, year counts 6,
# k = 1 + 6 = 7 (fixest's default gives the same: 1 + 4 + 6 - 1 - (4 - 1)):
#   library(sandwich); V <- vcovCL(m, cluster = ~firm, type = "HC0", cadjust = FALSE) *
#     4/3 * 11/(12 - 7); sqrt(V["x", "x"])  # 0.1669786803, with m the firm + year fit
cd "$TMP" || exit 9
cat > blk.csv <<'CSV'
id,y,x,firm,year,block
1,3.1,0.5,A,1,1
2,4.0,1.2,A,2,1
3,2.2,0.3,B,1,1
4,5.1,1.9,B,2,1
5,3.7,0.8,A,3,1
6,1.9,0.1,B,3,1
7,6.3,2.2,C,4,2
8,7.9,2.9,C,5,2
9,5.5,1.4,D,4,2
10,8.8,3.1,D,5,2
11,6.1,1.7,C,6,2
12,9.4,3.6,D,6,2
CSV
"$DS" fit blk.csv --model 'y ~ x | firm + year' --format tsv 2>/dev/null |
    awk -F'\t' 'NR == 2 { printf "%s %.12f %.12f %.10f %.10f\n", $1, $2, $3, $4, $5 }'
"$DS" fit blk.csv --model 'y ~ x | firm + year' 2>/dev/null |
    grep -E 'absorbed|degrees of freedom|R-squared|F-statistic|Log-likelihood'
"$DS" fit blk.csv --model 'y ~ x | firm + year + block' --format tsv 2>/dev/null |
    awk -F'\t' 'NR == 2 { printf "%s %.12f %.12f %.10f %.10f\n", $1, $2, $3, $4, $5 }'
"$DS" fit blk.csv --model 'y ~ x | block + firm' 2>/dev/null | grep -E 'absorbed|degrees of freedom'
"$DS" fit blk.csv --model 'y ~ x | firm + year' --cluster firm --format tsv 2>/dev/null |
    awk -F'\t' 'NR == 2 { printf "%s %.10f\n", $1, $3 }'
