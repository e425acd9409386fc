# Region keys are tested over region contiguity (external-data/regions-contiguite.csv), never
# as the departments of the same numbers: men's life expectancy 2023 over the 18 regions
# (INSEE), the five overseas regions and Corsica left out for want of a neighbour. R 4.2,
# spdep 1.2:
#   d <- read.csv("external-data/esperance-vie-regions-2023.csv", colClasses = c(reg = "character"))
#   nb <- read.csv("external-data/regions-contiguite.csv", colClasses = "character")
#   d <- d[d$reg %in% nb$reg, ]
#   l <- lapply(d$reg, function(r) as.integer(sort(match(nb$voisin[nb$reg == r], d$reg))))
#   class(l) <- "nb"; moran.test(d$esperance_vie_hommes, nb2listw(l, style = "W"))
# I = -0.0897653812555, E[I] = -0.0909090909091, Var = 0.0302713944410,
# z = 0.00657354398632, p = 0.497377554258 (n = 12).
ev=$ROOT/external-data/esperance-vie-regions-2023.csv
"$DS" moran "$ev" --value esperance_vie_hommes --format json |
    python3 -c 'import json, sys; m = json.load(sys.stdin)
print(m["n"], " ".join(m["isolated"]))
for k in ("moran_i", "expected", "variance", "z", "p"): print(k, "%.10g" % m[k])'
# The same codes in a column named "code" are both department and region codes: refused
# (exit 2) until --level says which; --level region gives the same test.
cut -d, -f1,5 "$ev" | sed 's/^reg,/code,/' > "$TMP/code.csv"
"$DS" moran "$TMP/code.csv" --value esperance_vie_hommes 2>&1; echo "exit $?"
"$DS" moran "$TMP/code.csv" --value esperance_vie_hommes --level region --format json |
    python3 -c 'import json, sys; print("%.10g" % json.load(sys.stdin)["moran_i"])'
# --level department reads them as departments 01 … 94 (Ain … Val-de-Marne): another test.
"$DS" moran "$TMP/code.csv" --value esperance_vie_hommes --level department | head -1
