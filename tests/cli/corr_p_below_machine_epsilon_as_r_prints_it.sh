# A p below R's machine epsilon is printed as R prints it, "< 2.2e-16", not "p = 0" (AS 89's
# series underflows far out; no one measured a probability of 0). R 4.2.2:
#   d <- read.csv("tests/fixtures/spatial/damir2013-ages.csv")
#   r <- cor.test(d$densite_medecins, d$share_10_14_ans, method = "spearman")
#   r$p.value   # 0;  print(r): S = 284056, p-value < 2.2e-16, rho -0.6543739
#   p.adjust(c(r$p.value, cor.test(d$densite_medecins, d$share_15_19_ans,
#            method = "spearman")$p.value), "holm")   # 0 0.000666043 (rho -0.3347117)
"$DS" corr "$FIXTURES/spatial/damir2013-ages.csv" --x densite_medecins \
    --y share_10_14_ans,share_15_19_ans --method spearman --adjust holm | grep -v '^$'
