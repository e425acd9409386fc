# With ties, Spearman's S = (n³ − n)(1 − ρ)/6 is not a whole number; the text printed it
# rounded to one ("S = 51"). R 4.2.2:
#   x <- c(1, 2, 2, 3, 4, 4, 6); y <- c(2, 2, 3, 5, 4, 4, 1)
#   suppressWarnings(cor.test(x, y, method = "spearman"))
#   # S = 51.333, p-value = 0.859; rho 0.08333333
# and without ties S stays whole: cor.test(1:6, c(2, 1, 4, 3, 6, 5), method = "spearman")
#   # S = 6, p-value = 0.05833 (exact), rho 0.8285714
cd "$TMP" || exit 9
printf 'x;y\n1;2\n2;2\n2;3\n3;5\n4;4\n4;4\n6;1\n' > ties.csv
"$DS" corr ties.csv --x x --y y --method spearman | grep spearman
printf 'x;y\n1;2\n2;1\n3;4\n4;3\n5;6\n6;5\n' > noties.csv
"$DS" corr noties.csv --x x --y y --method spearman | grep spearman
