# estimates as R's cor.test prints them (see tests/test_corr.c)
"$DS" corr ../fixtures/corr/small.csv --x x --y y --method all --format json |
  tr ',' '\n' | grep -E '"(n|n_dropped)"|"pearson":\{"estimate"|"spearman":\{"estimate"|"kendall":\{"estimate"' |
  sed 's/\(estimate":[0-9.]\{8\}\).*/\1/'
