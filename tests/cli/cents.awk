# Exact decimal arithmetic for the CLI tests, independent of damirstat: "-.57" -> -57 cents,
# and back. Doubles hold integers exactly up to 2^53, far above these test totals.
function cents(s,    neg, n, a, frac) {
    neg = substr(s, 1, 1) == "-"
    if (neg || substr(s, 1, 1) == "+") s = substr(s, 2)
    n = split(s, a, ".")
    frac = n > 1 ? substr(a[2] "00", 1, 2) : "00"
    return (neg ? -1 : 1) * ((a[1] == "" ? 0 : a[1]) * 100 + frac)
}
function dec(c,    sign) {
    sign = c < 0 ? "-" : ""
    if (c < 0) c = -c
    return sprintf("%s%d.%02d", sign, int(c / 100), c % 100)
}
