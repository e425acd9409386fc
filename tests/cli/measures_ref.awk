# The reference for the aggregate measure tests, computed apart from damirstat: per value of
# column `key` (header names), with amounts read from their decimal text into cents:
#   oop   sum of PRS_PAI_MNT - PRS_REM_MNT          mean  mean of PRS_PAI_MNT, 6 decimals,
#   minr  min of PRS_REM_MNT                              rounded half away from zero
#   maxp  max of PRS_PAI_MNT                        gp    rows with PRS_NAT 1110 or 1111
#   n     rows
# An empty amount is missing, as SQL's NULL: left out of the mean (over the known values),
# the min and the max (printed empty when there is none) and of oop when either side is
# empty (0.00 when no row has both). Prints "key,oop,mean,minr,maxp,gp,n" a group a line
# (unsorted). Integers stay below 2^53.
BEGIN { FS = ";" }
function cents(s,   neg, w, f) {
    neg = s ~ /^-/; sub(/^[-+]/, "", s)
    w = s; f = ""
    if (index(s, ".")) { w = substr(s, 1, index(s, ".") - 1); f = substr(s, index(s, ".") + 1) }
    f = substr(f "00", 1, 2)
    return (neg ? -1 : 1) * ((w == "" ? 0 : w) * 100 + f)
}
function money(c,   a) { a = c < 0 ? -c : c; return sprintf("%s%.0f.%02d", c < 0 ? "-" : "", int(a / 100), a % 100) }
function mean6(s, n,   a, q) {
    a = s < 0 ? -s : s
    q = int((a * 10000 + int(n / 2)) / n)
    return sprintf("%s%.0f.%06d", s < 0 && q > 0 ? "-" : "", int(q / 1000000), q % 1000000)
}
FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
    k = $c[key]; p = cents($c["PRS_PAI_MNT"]); r = cents($c["PRS_REM_MNT"])
    pk = $c["PRS_PAI_MNT"] != ""; rk = $c["PRS_REM_MNT"] != ""
    oop[k] += pk && rk ? p - r : 0; n[k]++
    if (pk) { sp[k] += p; np[k]++ }
    if (rk && (!(k in minr) || r < minr[k])) minr[k] = r
    if (pk && (!(k in maxp) || p > maxp[k])) maxp[k] = p
    gp[k] += $c["PRS_NAT"] == "1110" || $c["PRS_NAT"] == "1111"
}
END {
    for (k in n)
        print k "," money(oop[k]) "," (np[k] ? mean6(sp[k], np[k]) : "") "," \
              (k in minr ? money(minr[k]) : "") "," (k in maxp ? money(maxp[k]) : "") "," gp[k] "," n[k]
}
